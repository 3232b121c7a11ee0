// Turns a storage or unexpected error into a message for the user.
import { t } from '$lib/i18n/index.svelte';

/** Dexie wraps the browser's QuotaExceededError; look through its inner errors. */
export function isQuotaError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 5; depth++) {
    const err = x as { name?: string; inner?: unknown; failures?: unknown[] };
    if (err.name === 'QuotaExceededError' || err.name === 'QuotaExceeded') return true;
    if (Array.isArray(err.failures) && err.failures.some(isQuotaError)) return true;
    x = err.inner;
  }
  return false;
}

export function errorMessage(e: unknown): string {
  if (isQuotaError(e)) return t('error.quota');
  return t('error.unexpected', { message: e instanceof Error ? e.message : String(e) });
}
