import { defineMessages } from '../define';

// Messages of the field fixes (issue 8): forms.
export const forms = defineMessages({
  en: {
  },
  'zh-CN': {
  }
});
