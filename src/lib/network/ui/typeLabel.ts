// Device type names in the chosen language (topologyInput puts them in the diagram's second line).
import type { Lang } from '$lib/i18n/define';
import { catalogues, type MessageKey } from '$lib/i18n/index.svelte';

export function typeName(type: string, lang: Lang): string {
  return catalogues[lang][`type.${type}` as MessageKey] ?? type;
}
