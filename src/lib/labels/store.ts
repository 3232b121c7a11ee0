// The app's label and team-settings repositories (browser only), beside the lead's repositories in $lib/db.
import { db, writeContext } from '$lib/db';
import { LabelRepository } from '$lib/db/labels';
import { TeamSettingsRepository } from '$lib/db/teamSettings';

export const labelRepo = new LabelRepository(db, writeContext);
export const teamSettings = new TeamSettingsRepository(db, writeContext);
