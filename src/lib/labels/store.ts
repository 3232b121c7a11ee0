// The app's label repository (browser only), beside the lead's repositories in $lib/db.
import { db, writeContext } from '$lib/db';
import { LabelRepository } from '$lib/db/labels';

export const labelRepo = new LabelRepository(db, writeContext);
