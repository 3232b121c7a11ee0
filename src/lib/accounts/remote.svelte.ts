// A server list on an administrator page: loaded with the session's token, reloaded after a change,
// its failure kept in words.
import { i18n } from '$lib/i18n/index.svelte';
import { session } from '$lib/sync/session.svelte';
import type { AuthClient, AuthResult } from '$lib/sync/authClient';
import { withToken } from './call';
import { sayFailure, type Said } from './words';

export class Remote<T> {
  value = $state<T | null>(null);
  error = $state<Said | null>(null);
  #fn: (api: AuthClient, token: string) => Promise<AuthResult<T>>;

  constructor(fn: (api: AuthClient, token: string) => Promise<AuthResult<T>>) {
    this.#fn = fn;
  }

  async load(): Promise<void> {
    const r = await withToken(this.#fn);
    if (r.ok) {
      this.value = r.value;
      this.error = null;
    } else this.error = say(r);
  }
}

/** Runs a change; its failure in words, or null on success (then `after` runs). */
export async function act<T>(fn: (api: AuthClient, token: string) => Promise<AuthResult<T>>, after?: (v: T) => unknown, tablet?: string): Promise<Said | null> {
  const r = await withToken(fn);
  if (!r.ok) return say(r, tablet);
  await after?.(r.value);
  return null;
}

function say(r: Exclude<AuthResult<unknown>, { ok: true }>, tablet?: string): Said {
  return sayFailure(r, 'other', { server: session.server, lang: i18n.lang, tablet });
}
