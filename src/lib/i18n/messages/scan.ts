import { defineMessages } from '../define';

// Messages of the scan feature.
export const scan = defineMessages({
  en: {},
  'zh-CN': {}
});
