// Frames as hex text, for logs, fixtures and the check record ("01 03 00 08 00 01 05 C8").

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Parses hex with optional spaces, colons or dashes between bytes; null when it is not hex. */
export function fromHex(text: string): Uint8Array | null {
  const compact = text.replace(/[\s:-]/g, '');
  if (compact.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(compact)) return null;
  const out = new Uint8Array(compact.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(compact.slice(2 * i, 2 * i + 2), 16);
  return out;
}
