import { defineMessages } from '../define';

// Messages of the field fixes (issue 8): register.
export const register = defineMessages({
  en: {
    // Change history (item 9): id-valued fields are shown by what they point to.
    'field.locationId': 'Location',
    'field.siteId': 'Site',
    'field.tenantId': 'Client',
    'field.deviceId': 'Device',
    'field.labelId': 'Label',
    'register.history.removed': '(removed · {id})',
    'register.history.unknown': 'not on this tablet ({id})',
    // Device list sort (item 10).
    'register.sort.label': 'Sort by',
    'register.sort.best': 'Best match',
    'register.sort.asset': 'Asset number',
    'register.sort.location': 'Location',
    'register.sort.model': 'Model',
    'register.sort.warranty': 'Warranty end',
    'register.sort.changed': 'Last changed',
    'register.sort.dir': 'Order',
    'register.sort.asc': 'Ascending',
    'register.sort.desc': 'Descending',
  },
  'zh-CN': {
    'field.locationId': '位置',
    'field.siteId': '现场',
    'field.tenantId': '客户',
    'field.deviceId': '设备',
    'field.labelId': '标签',
    'register.history.removed': '（已删除 · {id}）',
    'register.history.unknown': '本机无此记录（{id}）',
    'register.sort.label': '排序',
    'register.sort.best': '最佳匹配',
    'register.sort.asset': '资产编号',
    'register.sort.location': '位置',
    'register.sort.model': '型号',
    'register.sort.warranty': '保修截止',
    'register.sort.changed': '最近修改',
    'register.sort.dir': '顺序',
    'register.sort.asc': '升序',
    'register.sort.desc': '降序',
  }
});
