// The app's scan wiring: the lookup over the app database and the bases our label links use.
import { db, devices, org, writeContext } from '$lib/db';
import { RoomAuditRepository } from '$lib/db/roomAudits';
import { settings } from '$lib/state/settings.svelte';
import type { ClassifyContext } from '$lib/domain/scan/classify';
import { appLookup } from './lookup';
import { LabelRepository } from '$lib/db/labels';
import { repositoryLabelSource } from './labels';

export const lookup = appLookup({ devices, org, labels: repositoryLabelSource(new LabelRepository(db, writeContext)), currentTenantId: () => settings.tenantId });

/** `<settings.labelOrigin>/a/N` and `<location.origin>/a/N` are ours; any other URL is not. */
export function classifyContext(): ClassifyContext {
  return { bases: [settings.labelOrigin, location.origin] };
}

/** Room audits of the app database (the lead may move this next to the other repositories). */
export const roomAudits = new RoomAuditRepository(db, writeContext, devices);
