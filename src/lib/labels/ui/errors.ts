// Errors of the label feature as user text (translated; shown as text, never as HTML).
import { AssetBlockError } from '$lib/domain/assetBlocks';
import { LabelStateError } from '$lib/domain/labels/record';
import type { GridProblem } from '$lib/domain/labels/templates';
import { LabelError } from '$lib/db/labels';
import { t, type MessageKey } from '$lib/i18n/index.svelte';

export function errorText(e: unknown): string {
  if (e instanceof AssetBlockError) return t(`labels.error.block.${e.reason}` as MessageKey);
  if (e instanceof LabelError) return t(`labels.error.${e.reason}` as MessageKey, { detail: e.detail });
  if (e instanceof LabelStateError) return t('labels.error.state', { from: t(`labels.state.${e.from}` as MessageKey), kind: t(`labels.event.${e.kind}` as MessageKey) });
  return e instanceof Error ? e.message : String(e);
}

export function gridProblemText(p: GridProblem): string {
  switch (p.reason) {
    case 'notPositive': return t('labels.grid.notPositive', { field: p.field });
    case 'pitchSmallerThanLabel': return t('labels.grid.pitch', { axis: p.axis, pitch: p.pitch, size: p.size });
    case 'exceedsPage': return t('labels.grid.exceeds', { axis: p.axis, needed: p.needed, available: p.available });
  }
}
