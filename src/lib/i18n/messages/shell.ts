import { defineMessages } from '../define';

// Messages of the field fixes (issue 8): shell.
export const shell = defineMessages({
  en: {
    'shell.brandShort': 'AssetWalk',
    'shell.menu': 'Menu',
    'shell.more': 'More',
    'shell.group.service': 'Service desk',
    'shell.group.survey': 'Survey',
    'shell.group.admin': 'Administration'
  },
  'zh-CN': {
    'shell.brandShort': 'AssetWalk',
    'shell.menu': '菜单',
    'shell.more': '更多',
    'shell.group.service': '服务台',
    'shell.group.survey': '调研',
    'shell.group.admin': '管理'
  }
});
