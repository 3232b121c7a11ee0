/**
 * CRC-16/MODBUS: reflected polynomial 0xA001, init 0xFFFF, no final xor; sent low byte first.
 * Invariants: crc("123456789") = 0x4B37; the CRC over a whole valid frame (CRC bytes included) is 0.
 * Table-driven: one lookup per byte instead of eight shifts.
 */
const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    t[i] = c;
  }
  return t;
})();

export function crc16Modbus(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ (TABLE[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0);
  return crc;
}

/** The frame followed by its CRC, low byte first. */
export function withCrc(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 2);
  out.set(body);
  const crc = crc16Modbus(body);
  out[body.length] = crc & 0xff;
  out[body.length + 1] = crc >>> 8;
  return out;
}

export function hasValidCrc(frame: Uint8Array): boolean {
  return frame.length >= 4 && crc16Modbus(frame) === 0;
}
