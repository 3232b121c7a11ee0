// The app's menu, in order. A feature adds its page here with one line (its label key lives in
// the feature's own message catalogue).
import type { MessageKey } from '$lib/i18n/index.svelte';

export const NAV_ITEMS: readonly (readonly [href: string, label: MessageKey])[] = [
  ['/', 'nav.home'],
  ['/devices', 'nav.devices'],
  ['/scan', 'nav.scan'],
  ['/incidents', 'inc.nav'],
  ['/kb', 'kb.nav'],
  ['/labels', 'nav.labels'],
  ['/panels', 'nav.panels'],
  ['/network', 'net.nav'],
  ['/drivers', 'drv.nav'],
  ['/software', 'sw.nav'],
  ['/images', 'img.nav'],
  ['/import', 'imp.nav'],
  ['/manuals', 'man.nav'],
  ['/survey-report', 'srep.nav'],
  ['/changes', 'chg.nav'],
  ['/requests', 'req.nav'],
  ['/reports', 'rep.nav'],
  ['/settings', 'nav.settings'],
  ['/admin', 'nav.admin'] // shown to administrators only (+layout.svelte)
];
