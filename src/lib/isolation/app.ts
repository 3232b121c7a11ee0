// The app's panel repository (browser only), beside the other singletons in $lib/db.
import { db, devices, writeContext } from '$lib/db';
import { PanelRepository } from '$lib/db/panels';
import { ProfileRepository } from '$lib/db/profiles';

export const panels = new PanelRepository(db, writeContext, devices);
export const profiles = new ProfileRepository(db, writeContext);
