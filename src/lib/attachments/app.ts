// The app's attachments: the store's functions bound to the app database, and the one blob
// transport both the sync engine (state/sync.svelte.ts) and "open the original" use.
import { db, writeContext } from '$lib/db/index';
import { settings } from '$lib/state/settings.svelte';
import { accessToken, session, syncServer } from '$lib/sync/session.svelte';
import { httpBlobTransport } from './blobTransport';
import { addFile, getBlob, listFor, remove, type NewAttachment } from './store';
import { ensureBlob, type TransferOptions } from './transfer';

/** Same server and token as the record sync. */
export const blobTransport = httpBlobTransport({
  baseUrl: () => (session.current ? syncServer() : ''),
  token: () => (session.current ? accessToken() : settings.serverToken)
});

export const attachments = {
  add: (input: NewAttachment) => addFile(db, writeContext, input),
  listFor: (ownerTable: string, ownerId: string) => listFor(db, ownerTable, ownerId),
  getBlob: (sha256: string) => getBlob(db, sha256),
  /** The bytes, downloaded first when only the record is here; a string says why not. */
  open: (sha256: string, o?: TransferOptions) => ensureBlob(db, blobTransport, sha256, o),
  remove: (id: string) => remove(db, writeContext, id)
};
