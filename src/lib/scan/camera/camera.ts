/**
 * The camera source: html5-qrcode 2.3.8 (loaded on demand, browser only) opens the camera, draws
 * the video, shades the scan region and runs the frame loop; the decoder it uses per frame is
 * the one chooseDecoder picks (native BarcodeDetector, ZXing-C++ wasm, or its own ZXing-JS),
 * injected as described in decoders.ts.
 */
import type { Html5Qrcode } from 'html5-qrcode';
import { chooseDecoder, type DecoderKind, type DecoderPreference } from '$lib/domain/scan/decoderChoice';
import { createDetector, detectorShim, instrument, nativeFormats, newStats, type DecodeStats, type DecoderShim } from './decoders';
import { cameraPrecheck, classifyCameraError, type CameraProblem } from './errors';

export interface CameraInfo {
  id: string;
  label: string;
}

export class CameraStartError extends Error {
  constructor(readonly problem: CameraProblem, cause?: unknown) {
    super(`camera: ${problem}`, { cause });
    this.name = 'CameraStartError';
  }
}

export interface CameraStartOptions {
  /** id of an empty element html5-qrcode renders into. */
  elementId: string;
  cameraId: string | null;
  decoder?: DecoderPreference;
  /** Frame loop rate; html5-qrcode waits 1000/fps ms after each decode. */
  fps?: number;
  onDecode(text: string, format?: string): void;
}

/** Scan region: wide enough for Code 128, never taller than the video. */
export function scanRegion(w: number, h: number): { width: number; height: number } {
  const width = Math.max(60, Math.floor(w * 0.8));
  const height = Math.max(60, Math.floor(Math.min(h * 0.7, width)));
  return { width, height };
}

export async function listCameras(): Promise<CameraInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const all = await navigator.mediaDevices.enumerateDevices();
  return all.filter((d) => d.kind === 'videoinput').map((d, i) => ({ id: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

export class Camera {
  #h5: Html5Qrcode | null = null;
  #kind: DecoderKind | null = null;
  readonly stats: DecodeStats = newStats();

  /** The decoder in use once started. */
  get kind(): DecoderKind | null {
    return this.#kind;
  }

  async start(o: CameraStartOptions): Promise<void> {
    const pre = cameraPrecheck({ isSecureContext: window.isSecureContext, hasGetUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function' });
    if (pre) throw new CameraStartError(pre);
    const lib = await import('html5-qrcode');
    const F = lib.Html5QrcodeSupportedFormats;
    const h5 = new lib.Html5Qrcode(o.elementId, {
      verbose: false,
      formatsToSupport: [F.QR_CODE, F.DATA_MATRIX, F.CODE_128, F.CODE_39, F.EAN_13, F.EAN_8, F.UPC_A, F.ITF],
      useBarCodeDetectorIfSupported: false
    });
    await this.#injectDecoder(h5, o.decoder ?? 'auto');
    const facing: MediaTrackConstraints = o.cameraId ? { deviceId: { exact: o.cameraId } } : { facingMode: 'environment' };
    try {
      await h5.start(
        facing,
        { fps: o.fps ?? 15, qrbox: scanRegion, disableFlip: true, videoConstraints: { ...facing, width: { ideal: 1280 }, height: { ideal: 720 } } },
        (text, result) => o.onDecode(text, (result.result.format as { formatName?: string } | undefined)?.formatName),
        undefined
      );
    } catch (e) {
      h5.clear();
      throw new CameraStartError(classifyCameraError(e), e);
    }
    this.#h5 = h5;
    Object.assign(this.stats, newStats());
  }

  async #injectDecoder(h5: Html5Qrcode, preference: DecoderPreference): Promise<void> {
    const internal = h5 as unknown as { qrcode?: DecoderShim };
    const own = internal.qrcode;
    let kind = chooseDecoder({ nativeFormats: await nativeFormats(), webAssembly: typeof WebAssembly === 'object' }, preference);
    let shim: DecoderShim | undefined = own;
    if (kind !== 'html5-qrcode' && own && typeof own.decodeAsync === 'function') {
      try {
        shim = detectorShim(await createDetector(kind), kind);
      } catch (e) {
        console.warn('BarcodeDetector unavailable, using html5-qrcode’s decoder', e);
        kind = 'html5-qrcode';
      }
    } else {
      kind = 'html5-qrcode';
    }
    if (shim) internal.qrcode = instrument(shim, this.stats);
    this.#kind = kind;
  }

  get running(): boolean {
    return this.#h5?.isScanning ?? false;
  }

  torchSupported(): boolean {
    try {
      return this.#h5?.getRunningTrackCameraCapabilities().torchFeature().isSupported() ?? false;
    } catch {
      return false;
    }
  }

  async setTorch(on: boolean): Promise<void> {
    await this.#h5?.getRunningTrackCameraCapabilities().torchFeature().apply(on);
  }

  /** Stops the frame loop but keeps the video (between scans of a lookup). */
  pause(): void {
    if (this.#h5?.isScanning) this.#h5.pause(false);
  }

  resume(): void {
    try {
      this.#h5?.resume();
    } catch {
      // not paused
    }
  }

  async stop(): Promise<void> {
    const h5 = this.#h5;
    this.#h5 = null;
    if (!h5) return;
    try {
      if (h5.isScanning) await h5.stop();
    } finally {
      h5.clear();
    }
  }
}
