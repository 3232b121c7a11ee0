/**
 * The WebAssembly BarcodeDetector (barcode-detector → zxing-wasm, ZXing-C++). By default the
 * package fetches its .wasm from a CDN; here `locateFile` points at the copy Vite emits from
 * node_modules into the app's own assets, which the service worker precaches (`*.wasm` is in the
 * precache globs), so it loads offline and never leaves the app's origin.
 */
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { BarcodeDetector as PonyBarcodeDetector } from 'barcode-detector/ponyfill';

export { wasmUrl };

let ready: Promise<typeof PonyBarcodeDetector> | null = null;

/** Loads and instantiates the module once; rejects when WebAssembly or the file is unavailable. */
export function loadWasmBarcodeDetector(): Promise<typeof PonyBarcodeDetector> {
  ready ??= (async () => {
    const mod = await import('barcode-detector/ponyfill');
    await mod.prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path)
      },
      fireImmediately: true
    });
    return mod.BarcodeDetector;
  })();
  ready.catch(() => {
    ready = null;
  });
  return ready;
}
