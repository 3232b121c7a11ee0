/** Attachment limits shared by the tablet (src/lib/attachments) and the sync server (routes/blobs.ts). */

/** Largest file a user may attach on the tablet. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** Largest blob the server stores (room for files a future version may allow). */
export const MAX_BLOB_BYTES = 50 * 1024 * 1024;
/** Upload chunk and download range size: one request each, resumable between them. */
export const CHUNK_BYTES = 1024 * 1024;
/** Longest edge of a thumbnail, in pixels. */
export const THUMB_EDGE = 256;

/** Headers of the blob routes (HEAD and PUT replies; PUT requests carry the whole blob's size and type). */
export const BLOB_SIZE_HEADER = 'x-blob-size';
export const BLOB_TYPE_HEADER = 'x-blob-type';
export const BLOB_RECEIVED_HEADER = 'x-blob-received';
export const BLOB_COMPLETE_HEADER = 'x-blob-complete';

/** A content type safe to store and serve back as is; anything else becomes application/octet-stream. */
export function safeType(t: string | undefined | null): string {
  const s = (t ?? '').trim().toLowerCase();
  return /^[a-z]{1,20}\/[a-z0-9][a-z0-9.+-]{0,80}$/.test(s) ? s : 'application/octet-stream';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
