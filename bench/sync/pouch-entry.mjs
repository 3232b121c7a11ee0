// Runs in Chromium, served from pouchdb-server's own origin (no CORS in the way): PouchDB's
// browser build (IndexedDB adapter `idb`, its default) replicating one-shot from the server with
// its default options (batch_size 100, batches_limit 10), as an app would call it.
import PouchDB from 'pouchdb-browser';

const local = new PouchDB('bench');

window.benchSync = async (remoteName) => {
  const remote = new PouchDB(`${location.origin}/${remoteName}`);
  const t0 = performance.now();
  const info = await PouchDB.replicate(remote, local);
  const ms = performance.now() - t0;
  const { doc_count: docs } = await local.info();
  return { ms, docsWritten: info.docs_written, docs, ok: info.ok };
};
