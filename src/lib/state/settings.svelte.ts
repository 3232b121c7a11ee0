// Tablet-wide settings, kept in localStorage (they are per tablet, not synced).
import { ORIGINALS_MODES, type OriginalsMode } from '$lib/domain/attachments/prefetch';
import { Persisted } from './persisted.svelte';

class Settings {
  #technician = new Persisted('assetwalk.technician', '');
  #tenantId = new Persisted<string | null>('assetwalk.tenantId', null);
  #siteId = new Persisted<string | null>('assetwalk.siteId', null);
  #labelOrigin = new Persisted<string>('assetwalk.labelOrigin', '');
  #clockOffset = new Persisted<number>('assetwalk.clockOffsetMs', 0);
  #serverToken = new Persisted<string>('assetwalk.serverToken', '');
  #originals = new Persisted<OriginalsMode>('assetwalk.originals', 'on-demand');

  get technician(): string { return this.#technician.current; }
  set technician(v: string) { this.#technician.current = v.trim(); }

  /** The client company and site being worked on. */
  get tenantId(): string | null { return this.#tenantId.current; }
  set tenantId(v: string | null) { this.#tenantId.current = v; }
  get siteId(): string | null { return this.#siteId.current; }
  set siteId(v: string | null) { this.#siteId.current = v; }

  /**
   * The origin label QR codes point at, as last read on this tablet. The team sets it (synced,
   * src/lib/db/teamSettings.ts); the labels page keeps this copy so the scanner, which has no
   * database query at hand, knows the team's links as ours. An older app version stored a
   * per-tablet value here: it is offered when the team has set none.
   */
  get labelOrigin(): string {
    return this.#labelOrigin.current || (typeof location !== 'undefined' ? location.origin : '');
  }
  set labelOrigin(v: string) { this.#labelOrigin.current = v.trim().replace(/\/+$/, ''); }
  /** The stored copy alone ('' when none), without the page's origin as fallback. */
  get storedLabelOrigin(): string { return this.#labelOrigin.current; }

  /** The bearer token the server issued to this tablet (printing, later sync). Kept on this tablet only. */
  get serverToken(): string { return this.#serverToken.current; }
  set serverToken(v: string) { this.#serverToken.current = v.trim(); }

  /** Originals of attachments: when opened (the default), or also in the background (attachments/prefetch.svelte.ts). */
  get originals(): OriginalsMode {
    const v = this.#originals.current;
    return ORIGINALS_MODES.includes(v) ? v : 'on-demand';
  }
  set originals(v: OriginalsMode) { this.#originals.current = v; }

  /** Server time minus tablet time, measured on sync (HLC physical time = now + offset). */
  get clockOffsetMs(): number { return this.#clockOffset.current; }
  set clockOffsetMs(v: number) { this.#clockOffset.current = v; }
}

export const settings = new Settings();
