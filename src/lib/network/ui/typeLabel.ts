// Device type names in the chosen language, for the diagram's second line.
import type { TopoNode } from '$lib/domain/network/topology';
import type { Lang } from '$lib/i18n/define';
import { catalogues, type MessageKey } from '$lib/i18n/index.svelte';

export function typeName(type: string, lang: Lang): string {
  return catalogues[lang][`type.${type}` as MessageKey] ?? type;
}

/** The diagram's subline already names the type (topologyInput puts it there): nothing more to add. */
export const noTypeLabel = (_n: TopoNode): string => '';
