import { defineMessages } from '../define';

// Messages of the labels feature.
export const labels = defineMessages({
  en: {},
  'zh-CN': {}
});
