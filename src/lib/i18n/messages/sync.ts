import { defineMessages } from '../define';

export const sync = defineMessages({
  en: {
    'sync.idle': 'Synced',
    'sync.syncing': 'Syncing…',
    'sync.offline': 'Offline: changes are kept',
    'sync.error': 'Sync failed, retrying',
    'sync.unauthorized': 'Not syncing: token needed',
    'sync.pending': '{count} to send',
    'sync.rejected': '{count} refused by the server',
    'sync.lastSynced': 'Last synced {time}',
    'sync.never': 'Never synced',
    'sync.now': 'Sync now',
    'sync.conflicts.title': 'Values overwritten by another edit',
    'sync.conflicts.overwritten': '“{value}” ({field}) was overwritten by {node} at {time}',
    'sync.conflicts.use': 'Use this value',
    'sync.conflicts.clash': 'Another device on the server also has asset number {value}; it stays off this tablet until one of the two is renumbered.',
    'sync.conflicts.dismiss': 'Dismiss',
    'sync.conflicts.restored': 'Value restored; it will sync as a new edit.'
  },
  'zh-CN': {
    'sync.idle': '已同步',
    'sync.syncing': '正在同步…',
    'sync.offline': '离线：修改已保存在本机',
    'sync.error': '同步失败，稍后重试',
    'sync.unauthorized': '未同步：需要令牌',
    'sync.pending': '{count} 条待发送',
    'sync.rejected': '{count} 条被服务器拒绝',
    'sync.lastSynced': '上次同步 {time}',
    'sync.never': '尚未同步',
    'sync.now': '立即同步',
    'sync.conflicts.title': '被其他修改覆盖的值',
    'sync.conflicts.overwritten': '“{value}”（{field}）已被 {node} 于 {time} 覆盖',
    'sync.conflicts.use': '使用此值',
    'sync.conflicts.clash': '服务器上另一台设备也使用资产编号 {value}；在其中一台重新编号之前，它不会出现在此平板上。',
    'sync.conflicts.dismiss': '忽略',
    'sync.conflicts.restored': '已恢复该值，将作为新的修改同步。'
  }
});
