import { defineMessages } from '../define';

// Messages of the field fixes (issue 8): shell.
export const shell = defineMessages({
  en: {
  },
  'zh-CN': {
  }
});
