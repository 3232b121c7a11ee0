// The app's menu. The pages a technician opens all day stay in the header; the others sit in
// groups under "More" (on phones, everything is in the one drop-down menu). A feature adds its
// page with one line (its label key lives in the feature's own message catalogue).
import type { MessageKey } from '$lib/i18n/index.svelte';

export type NavItem = readonly [href: string, label: MessageKey];

export const NAV_ITEMS: readonly NavItem[] = [
  ['/', 'nav.home'],
  ['/devices', 'nav.devices'],
  ['/scan', 'nav.scan'],
  ['/incidents', 'inc.nav'],
  ['/labels', 'nav.labels'],
  ['/panels', 'nav.panels'],
  ['/settings', 'nav.settings']
];

export const NAV_GROUPS: readonly { label: MessageKey; items: readonly NavItem[] }[] = [
  {
    label: 'shell.group.service',
    items: [['/kb', 'kb.nav'], ['/changes', 'chg.nav'], ['/requests', 'req.nav'], ['/reports', 'rep.nav']]
  },
  {
    label: 'shell.group.survey',
    items: [
      ['/network', 'net.nav'],
      ['/drivers', 'drv.nav'],
      ['/software', 'sw.nav'],
      ['/images', 'img.nav'],
      ['/manuals', 'man.nav'],
      ['/survey-report', 'srep.nav'],
      ['/import', 'imp.nav']
    ]
  },
  // Shown to administrators only (+layout.svelte); the server enforces it anyway.
  { label: 'shell.group.admin', items: [['/admin', 'nav.admin']] }
];
