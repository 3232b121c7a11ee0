// The app's menu, in order. A feature adds its page here with one line (its label key lives in
// the feature's own message catalogue).
import type { MessageKey } from '$lib/i18n/index.svelte';

export const NAV_ITEMS: readonly (readonly [href: string, label: MessageKey])[] = [
  ['/', 'nav.home'],
  ['/devices', 'nav.devices'],
  ['/scan', 'nav.scan'],
  ['/labels', 'nav.labels'],
  ['/panels', 'nav.panels'],
  ['/settings', 'nav.settings']
];
