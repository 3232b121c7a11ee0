// The network documentation's repository bound to the app's database (browser only).
import { db, writeContext } from '$lib/db';
import { NetworkRepository } from '$lib/db/network';

export const network = new NetworkRepository(db, writeContext);
