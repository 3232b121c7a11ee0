// Helpers for raw scanner text: what a gun or decoder hands over before anything is parsed.

/** ASCII 29, the GS1 field separator (FNC1 inside a symbol). */
export const GS = '\u001d';

/** AIM symbology identifiers that announce GS1 data (Code 128, DataBar, DataMatrix, QR, Code 49). */
const GS1_AIM = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);

export interface Unwrapped {
  /** The text without the AIM identifier and the surrounding whitespace. */
  body: string;
  /** An AIM identifier that announces GS1 data was present. */
  gs1: boolean;
}

/** Strips an AIM symbology identifier (`]Xm`, sent by guns configured to prefix it) and whitespace. */
export function unwrap(raw: string): Unwrapped {
  // Guns end scans with CR/LF/Tab; decoders sometimes keep trailing NULs.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  let body = raw.replace(/^[\s\u0000]+|[\s\u0000]+$/g, '');
  let gs1 = false;
  const m = /^\][A-Za-z][0-9A-Za-z]/.exec(body);
  if (m) {
    gs1 = GS1_AIM.has(m[0]);
    body = body.slice(3);
  }
  if (body.startsWith(GS)) {
    // A leading FNC1 (some decoders pass it through) also marks GS1.
    gs1 = true;
    body = body.slice(1);
  }
  return { body, gs1 };
}

const MAX_SHOWN = 200;

/**
 * Text to show the technician for what was read: control characters become visible symbols
 * (U+2400 Control Pictures, e.g. GS → ␝) and long text is cut. Always rendered as text, never HTML.
 */
export function printable(raw: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const shown = raw.replace(/[\u0000-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));
  return shown.length > MAX_SHOWN ? shown.slice(0, MAX_SHOWN) + '…' : shown;
}
