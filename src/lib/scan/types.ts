// The scanner contract: every source (camera, keyboard wedge, manual entry, a link, a test
// script) hands the same thing to the scan bus: the raw text it read and where it came from.

export type ScanSource = 'camera' | 'wedge' | 'manual' | 'link' | 'script';

export interface ScanEvent {
  text: string;
  source: ScanSource;
  /** performance.now() when the source's decode callback fired. */
  at: number;
  /** Symbology reported by the decoder, e.g. "qr_code", when known. */
  format?: string;
}

/** Takes a scan; returns true when it handled it (a handler may also decline and let the next one try). */
export type ScanHandler = (e: ScanEvent) => boolean | void;

/** A source that can be started and stopped (the camera; the wedge runs for the app's lifetime). */
export interface ScannerSource {
  start(onScan: (text: string, format?: string) => void): Promise<void>;
  stop(): Promise<void>;
}
