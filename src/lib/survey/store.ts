// The app's survey repository (browser only), beside the lead's repositories in $lib/db.
import { db, writeContext } from '$lib/db';
import { SurveyRepository } from '$lib/db/survey';

export const surveyRepo = new SurveyRepository(db, writeContext);

/** Lets the page paint between chunks of pure work (parsing, matching) done outside a transaction. */
export function nextFrame(): Promise<void> {
  return new Promise((r) => setTimeout(r, 0));
}
