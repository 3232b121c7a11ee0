/**
 * Decoders for the camera path, all in the shape of html5-qrcode 2.3.8's internal decoder
 * (`Html5QrcodeShim`: decodeAsync / decodeRobustlyAsync on the canvas of the scan region).
 * Why replace html5-qrcode's own BarcodeDetector support: with `useBarCodeDetectorIfSupported`
 * it alternates frames between the BarcodeDetector and its ZXing-JS decoder, so every other frame
 * pays the slow decoder and a fast detector gains little. Injecting one decoder keeps
 * html5-qrcode's camera handling, scan region and loop, and lets each frame use the chosen one.
 * Every decoder is wrapped by `instrument`, which counts attempts and time for bench/scan.
 */
import { EXTRA_FORMATS, REQUIRED_FORMATS } from '$lib/domain/scan/decoderChoice';

export interface DecodeResult {
  text: string;
  format?: { formatName: string };
  debugData?: { decoderName?: string };
}

export interface DecoderShim {
  decodeAsync(canvas: HTMLCanvasElement): Promise<DecodeResult>;
  decodeRobustlyAsync(canvas: HTMLCanvasElement): Promise<DecodeResult>;
}

interface DetectedLike {
  rawValue: string;
  format: string;
  boundingBox: { width: number; height: number };
}

export interface DetectorLike {
  detect(source: HTMLCanvasElement): Promise<DetectedLike[]>;
}

interface DetectorCtor {
  new (options?: { formats?: string[] }): DetectorLike;
  getSupportedFormats(): Promise<readonly string[]>;
}

export interface DecodeStats {
  attempts: number;
  decoded: number;
  busyMs: number;
  startedAt: number;
}

export function newStats(): DecodeStats {
  return { attempts: 0, decoded: 0, busyMs: 0, startedAt: performance.now() };
}

function nativeCtor(): DetectorCtor | null {
  const c = (globalThis as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
  return typeof c === 'function' && typeof c.getSupportedFormats === 'function' ? c : null;
}

/** Formats the browser's own BarcodeDetector reads, or null where it has none (desktop Linux). */
export async function nativeFormats(): Promise<readonly string[] | null> {
  const c = nativeCtor();
  if (!c) return null;
  try {
    return await c.getSupportedFormats();
  } catch {
    return null;
  }
}

/** The formats to ask a detector for: the required ones and whichever extras it has. */
export function wantedFormats(supported: readonly string[]): string[] {
  return [...REQUIRED_FORMATS, ...EXTRA_FORMATS].filter((f) => supported.includes(f));
}

export async function createDetector(kind: 'native' | 'wasm'): Promise<DetectorLike> {
  let ctor: DetectorCtor | null;
  if (kind === 'native') ctor = nativeCtor();
  else ctor = (await (await import('./wasm')).loadWasmBarcodeDetector()) as unknown as DetectorCtor;
  if (!ctor) throw new Error('no BarcodeDetector');
  const formats = wantedFormats(await ctor.getSupportedFormats());
  return new ctor({ formats });
}

/** A BarcodeDetector as an html5-qrcode decoder: the largest code in the region wins. */
export function detectorShim(detector: DetectorLike, name: string): DecoderShim {
  const decode = async (canvas: HTMLCanvasElement): Promise<DecodeResult> => {
    const found = await detector.detect(canvas);
    let best: DetectedLike | undefined;
    for (const b of found) if (!best || b.boundingBox.width * b.boundingBox.height > best.boundingBox.width * best.boundingBox.height) best = b;
    if (!best) throw new Error('No barcode or QR code detected.');
    return { text: best.rawValue, format: { formatName: best.format }, debugData: { decoderName: name } };
  };
  return { decodeAsync: decode, decodeRobustlyAsync: decode };
}

/** Counts attempts, successes and time spent decoding. */
export function instrument(inner: DecoderShim, stats: DecodeStats): DecoderShim {
  const wrap = (fn: (c: HTMLCanvasElement) => Promise<DecodeResult>) => async (c: HTMLCanvasElement) => {
    const t0 = performance.now();
    stats.attempts++;
    try {
      const r = await fn(c);
      stats.decoded++;
      return r;
    } finally {
      stats.busyMs += performance.now() - t0;
    }
  };
  return { decodeAsync: wrap((c) => inner.decodeAsync(c)), decodeRobustlyAsync: wrap((c) => inner.decodeRobustlyAsync(c)) };
}
