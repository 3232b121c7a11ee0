// A room label's link (`<origin>/audit/room/<locationId>`), opened by a phone camera: go to the
// audit start page with that room chosen.
import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => {
  redirect(307, `/audit?room=${encodeURIComponent(params.id)}`);
};
