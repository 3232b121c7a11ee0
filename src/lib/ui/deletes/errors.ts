// A refused delete or restore (db/deletes.ts) in words.
import { LabelIssuedError, LocationInUseError, PanelLabelInUseError } from '$lib/db/deletes';
import { deviceList } from '$lib/domain/deletes/rules';
import { t } from '$lib/i18n/index.svelte';

export function deleteErrorText(e: unknown): string {
  if (e instanceof LocationInUseError) return t('del.locationInUse', { count: e.devices.length, list: deviceList(e.devices) });
  if (e instanceof LabelIssuedError) return t('del.labelIssued', { asset: e.assetNumber });
  if (e instanceof PanelLabelInUseError) return t('del.panelLabelInUse');
  return t('del.failed', { message: e instanceof Error ? e.message : String(e) });
}
