import { defineMessages } from '../define';

// Messages of the field fixes (issue 8): register.
export const register = defineMessages({
  en: {
  },
  'zh-CN': {
  }
});
