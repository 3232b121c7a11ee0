import { defineMessages } from '../define';

// Messages of the field fixes (issue 8): shell.
export const shell = defineMessages({
  en: {
    'shell.brandShort': 'AssetWalk',
    'shell.menu': 'Menu'
  },
  'zh-CN': {
    'shell.brandShort': 'AssetWalk',
    'shell.menu': '菜单'
  }
});
