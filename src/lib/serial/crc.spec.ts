import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fixtures from '../../../tests/fixtures/serial/frames.json';
import { crc16Modbus, hasValidCrc, withCrc } from './crc';
import { fromHex, toHex } from './hex';

const bytes = (hex: string) => {
  const b = fromHex(hex);
  if (!b) throw new Error(`bad hex ${hex}`);
  return b;
};

describe('CRC-16/MODBUS', () => {
  it('has the check value 0x4B37 for "123456789"', () => {
    expect(crc16Modbus(new TextEncoder().encode('123456789'))).toBe(0x4b37);
  });

  it.each(['V1', 'V2', 'V3', 'V4', 'V5', 'V5-fc04', 'V6', 'V7'])('reproduces the CRC of %s exactly', (id) => {
    const f = fixtures.frames.find((x) => x.id === id)!;
    const frame = bytes(f.hex);
    expect(toHex(withCrc(frame.subarray(0, frame.length - 2)))).toBe(f.hex);
    expect(crc16Modbus(frame)).toBe(0); // over a whole valid frame
    expect(hasValidCrc(frame)).toBe(true);
  });

  it('gives V6 the CRC bytes CR LF', () => {
    const v6 = bytes('01 03 08 00 2D 00 7B 00 44 00 01');
    expect(Array.from(withCrc(v6).subarray(-2))).toEqual([0x0d, 0x0a]);
  });

  it('validates every fixture frame', () => {
    for (const f of fixtures.frames) expect(hasValidCrc(bytes(f.hex)), f.id).toBe(true);
  });

  it('detects any single-bit error (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), (body, bit) => {
      const frame = withCrc(body);
      const i = bit % (frame.length * 8);
      frame[i >> 3] = (frame[i >> 3] ?? 0) ^ (1 << (i & 7));
      expect(hasValidCrc(frame)).toBe(false);
    }));
  });
});

describe('hex', () => {
  it('round-trips and accepts common separators', () => {
    expect(toHex(Uint8Array.from([1, 0x0a, 0xff]))).toBe('01 0A FF');
    expect(Array.from(fromHex('01:0a-FF 10')!)).toEqual([1, 10, 255, 16]);
    expect(fromHex('0')).toBeNull();
    expect(fromHex('zz')).toBeNull();
    expect(fromHex('')?.length).toBe(0);
  });
});
