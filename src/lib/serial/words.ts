// Register words → numbers. Modbus words are big-endian; 32-bit values span two words, high word first unless said otherwise.

export type WordOrder = 'hiLo' | 'loHi';

export function u16(w: number): number {
  return w & 0xffff;
}

export function i16(w: number): number {
  const v = w & 0xffff;
  return v >= 0x8000 ? v - 0x10000 : v;
}

function pair(words: readonly number[], at: number, order: WordOrder): [number, number] {
  const a = (words[at] ?? 0) & 0xffff;
  const b = (words[at + 1] ?? 0) & 0xffff;
  return order === 'hiLo' ? [a, b] : [b, a];
}

export function u32(words: readonly number[], at = 0, order: WordOrder = 'hiLo'): number {
  const [hi, lo] = pair(words, at, order);
  return hi * 0x10000 + lo;
}

export function f32(words: readonly number[], at = 0, order: WordOrder = 'hiLo'): number {
  const [hi, lo] = pair(words, at, order);
  const view = new DataView(new ArrayBuffer(4));
  view.setUint16(0, hi);
  view.setUint16(2, lo);
  return view.getFloat32(0);
}

/** The inverse of f32, for fixtures and the simulator. */
export function f32Words(value: number): [number, number] {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value);
  return [view.getUint16(0), view.getUint16(2)];
}
