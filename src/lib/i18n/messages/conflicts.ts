import { defineMessages } from '../define';

// The conflicts view of a whole client company (routes/conflicts) and deleted devices (routes/devices/deleted).
export const conflicts = defineMessages({
  en: {
    'conflicts.title': 'Conflicts',
    'conflicts.intro': 'Values that lost to another edit made at the same time. Nothing was thrown away: put a value back with one tap, or dismiss it.',
    'conflicts.none': 'No conflicts: every edit of this client company is in place.',
    'conflicts.line': 'Your value “{lost}” ({field}) was overwritten by “{current}” from tablet {by} at {time}.',
    'conflicts.clash': 'Asset number {lost} is also on another device on the server; renumber one of the two.',
    'conflicts.restore': 'Use my value',
    'conflicts.restored': 'Put back; it syncs as a new edit.',
    'conflicts.count': '{count, plural, one {# conflict} other {# conflicts}}',
    'deletes.title': 'Deleted devices',
    'deletes.intro': 'A deleted device keeps its asset number, so its label never goes to another device. Restore brings it back on every tablet.',
    'deletes.none': 'No deleted devices.',
    'deletes.restore': 'Restore',
    'deletes.delete': 'Delete device',
    'deletes.confirm': 'Delete {asset}? It can be restored from “Deleted devices”.',
    'deletes.banner': 'This device was deleted.',
    'deletes.open': 'Deleted devices'
  },
  'zh-CN': {
    'conflicts.title': '冲突',
    'conflicts.intro': '这些值与同时进行的另一次修改冲突而被覆盖。没有任何内容被丢弃：一键恢复，或忽略。',
    'conflicts.none': '没有冲突：该客户的所有修改都已生效。',
    'conflicts.line': '您的值“{lost}”（{field}）已被平板 {by} 于 {time} 改为“{current}”。',
    'conflicts.clash': '服务器上另一台设备也使用资产编号 {lost}，请为其中一台重新编号。',
    'conflicts.restore': '恢复我的值',
    'conflicts.restored': '已恢复，将作为新的修改同步。',
    'conflicts.count': '{count, plural, other {# 个冲突}}',
    'deletes.title': '已删除的设备',
    'deletes.intro': '已删除的设备保留其资产编号，标签不会转给其他设备。恢复后将在所有平板上重新出现。',
    'deletes.none': '没有已删除的设备。',
    'deletes.restore': '恢复',
    'deletes.delete': '删除设备',
    'deletes.confirm': '删除 {asset}？之后可在“已删除的设备”中恢复。',
    'deletes.banner': '该设备已被删除。',
    'deletes.open': '已删除的设备'
  }
});
