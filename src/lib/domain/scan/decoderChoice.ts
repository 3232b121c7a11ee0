/**
 * Which decoder the camera path uses. The browser's own BarcodeDetector (Android, ChromeOS,
 * macOS) is fastest where it reads every format we need; otherwise ZXing-C++ compiled to
 * WebAssembly (the barcode-detector package), which bench/scan measured to beat html5-qrcode's
 * ZXing-JS decoder on desktop Linux Chromium; html5-qrcode's own decoder is the last resort
 * (no WebAssembly, or the wasm module failed to load).
 */

export type DecoderKind = 'native' | 'wasm' | 'html5-qrcode';
export type DecoderPreference = 'auto' | DecoderKind;

/** BarcodeDetector format names the app needs: QR, DataMatrix and Code 128 at least. */
export const REQUIRED_FORMATS = ['qr_code', 'data_matrix', 'code_128'] as const;
/** Also read when available: manufacturers' 1-D codes. */
export const EXTRA_FORMATS = ['code_39', 'ean_13', 'ean_8', 'upc_a', 'itf'] as const;

export interface DecoderEnvironment {
  /** Formats the native BarcodeDetector reports, or null when there is none. */
  nativeFormats: readonly string[] | null;
  webAssembly: boolean;
}

export function chooseDecoder(env: DecoderEnvironment, preference: DecoderPreference = 'auto'): DecoderKind {
  const nativeOk = env.nativeFormats !== null && REQUIRED_FORMATS.every((f) => env.nativeFormats!.includes(f));
  if (preference === 'native' && env.nativeFormats !== null) return 'native';
  if (preference === 'wasm' && env.webAssembly) return 'wasm';
  if (preference === 'html5-qrcode') return 'html5-qrcode';
  if (nativeOk) return 'native';
  if (env.webAssembly) return 'wasm';
  return 'html5-qrcode';
}
