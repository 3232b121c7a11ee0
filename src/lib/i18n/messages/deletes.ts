import { defineMessages } from '../define';

// Deleting and restoring locations, panels and labels (db/deletes.ts) and the deleted list.
export const deletes = defineMessages({
  en: {
    'del.location': 'Delete this location',
    'del.locationConfirm': 'Delete location {name}? It can be restored from “Deleted”.',
    'del.locationInUse': 'Location still holds {count, plural, one {# device} other {# devices}}: {list}. Move or delete them first.',
    'del.panel': 'Delete panel',
    'del.panelConfirm': 'Delete panel {name}? Its checks stay in the history; it can be restored from “Deleted”.',
    'del.panelLabelInUse': 'Another panel now carries this label; delete that one first.',
    'del.label': 'Delete',
    'del.labelConfirm': 'Delete unused label {asset}? It can be restored from “Deleted”.',
    'del.labelIssued': 'Label {asset} was issued: it cannot be deleted, only voided.',
    'del.unclaimedTitle': 'Pre-printed labels not yet used',
    'del.unclaimedNone': 'No unused pre-printed labels.',
    'del.failed': 'Could not do it: {message}',
    'del.otherTitle': 'Deleted locations, panels and labels',
    'del.locations': 'Locations',
    'del.panels': 'Panels',
    'del.labels': 'Labels',
    'del.none': 'Nothing else was deleted.',
    'del.restore': 'Restore'
  },
  'zh-CN': {
    'del.location': '删除此位置',
    'del.locationConfirm': '删除位置 {name}？之后可在“已删除”中恢复。',
    'del.locationInUse': '该位置仍有 {count, plural, other {# 台设备}}：{list}。请先移走或删除这些设备。',
    'del.panel': '删除配电柜',
    'del.panelConfirm': '删除配电柜 {name}？其检测记录仍保留在历史中；之后可在“已删除”中恢复。',
    'del.panelLabelInUse': '另一个配电柜已使用此标签；请先删除那一个。',
    'del.label': '删除',
    'del.labelConfirm': '删除未使用的标签 {asset}？之后可在“已删除”中恢复。',
    'del.labelIssued': '标签 {asset} 已发放：不能删除，只能作废。',
    'del.unclaimedTitle': '尚未使用的预印标签',
    'del.unclaimedNone': '没有未使用的预印标签。',
    'del.failed': '操作失败：{message}',
    'del.otherTitle': '已删除的位置、配电柜和标签',
    'del.locations': '位置',
    'del.panels': '配电柜',
    'del.labels': '标签',
    'del.none': '没有其他已删除的记录。',
    'del.restore': '恢复'
  }
});
