/**
 * Text of an imported file, whatever Excel in China saved it as: UTF-8 with or without a BOM,
 * or GBK / GB18030 (Excel's "CSV" in a Chinese Windows locale). UTF-8 is tried first with
 * `fatal: true`: GBK bytes of Chinese text are almost never valid UTF-8, while UTF-8 bytes
 * decoded as GB18030 would be accepted silently as mojibake. GB18030 is a superset of GBK.
 */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  // Excel's "Unicode text" export.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
