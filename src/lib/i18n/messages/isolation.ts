import { defineMessages } from '../define';

// Messages of the isolation feature.
export const isolation = defineMessages({
  en: {},
  'zh-CN': {}
});
