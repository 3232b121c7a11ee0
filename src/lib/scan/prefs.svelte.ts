// Per-tablet scanner preferences (not synced): the chosen camera and decoder.
import { Persisted } from '$lib/state/persisted.svelte';
import type { DecoderPreference } from '$lib/domain/scan/decoderChoice';

class ScanPrefs {
  #cameraId = new Persisted<string | null>('assetwalk.scan.cameraId', null);
  #decoder = new Persisted<DecoderPreference>('assetwalk.scan.decoder', 'auto');
  #fps = new Persisted<number>('assetwalk.scan.fps', 15);

  get cameraId(): string | null { return this.#cameraId.current; }
  set cameraId(v: string | null) { this.#cameraId.current = v; }

  /** 'auto' lets chooseDecoder pick; the others are for diagnosis and the benchmark. */
  get decoder(): DecoderPreference { return this.#decoder.current; }
  set decoder(v: DecoderPreference) { this.#decoder.current = v; }

  /** Camera frames decoded per second at most (html5-qrcode waits 1000/fps ms after each decode). */
  get fps(): number { const f = this.#fps.current; return Number.isFinite(f) && f > 0 ? Math.min(f, 120) : 15; }
  set fps(v: number) { this.#fps.current = v; }
}

export const scanPrefs = new ScanPrefs();
