// How an article link reads on screen: devices and panels by their label, the rest by key.
import type { LinkTargets } from '$lib/db/serviceArticles';
import type { ArticleLink } from '$lib/domain/service/types';
import { t, type MessageKey } from '$lib/i18n/index.svelte';

export function linkLabel(l: ArticleLink, targets: LinkTargets | undefined): string {
  if (l.type === 'device' || l.type === 'special') return targets?.devices.get(l.key) ?? l.key;
  if (l.type === 'panel') return targets?.panels.get(l.key) ?? l.key;
  if (l.type === 'deviceType') return t(`type.${l.key}` as MessageKey);
  return l.key;
}
