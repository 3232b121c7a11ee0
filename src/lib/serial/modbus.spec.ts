import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fixtures from '../../../tests/fixtures/serial/frames.json';
import { fromHex, toHex } from './hex';
import { buildFrame, buildReadRequest, exceptionName, expectedReplyLength, parseReply, ReplyParser, type ReadFunction } from './modbus';

const bytes = (hex: string) => fromHex(hex)!;
const fx = (id: string) => fixtures.frames.find((f) => f.id === id)!;
const aim = { slave: 1, fc: 0x03 as const, qty: 4 };
const V6 = bytes(fx('V6').hex);

describe('buildReadRequest', () => {
  it('builds V1, V5, V5 (FC 04) and V7', () => {
    const hex = (s: number, f: number, a: number, q: number) => {
      const r = buildReadRequest(s, f, a, q);
      return r.ok ? toHex(r.frame) : r.error;
    };
    expect(hex(1, 3, 0x0008, 1)).toBe(fx('V1').hex);
    expect(hex(1, 3, 0x0008, 4)).toBe(fx('V5').hex);
    expect(hex(1, 4, 0x0008, 4)).toBe(fx('V5-fc04').hex);
    expect(hex(3, 3, 1000, 4)).toBe(fx('V7').hex);
    expect(hex(1, 3, 1000, 2)).toBe(fx('im20h-rf-request').hex);
  });

  it('refuses bad requests with a typed error', () => {
    expect(buildReadRequest(0, 3, 0, 1)).toEqual({ ok: false, error: 'badSlave' });
    expect(buildReadRequest(248, 3, 0, 1)).toEqual({ ok: false, error: 'badSlave' });
    expect(buildReadRequest(1, 6, 0, 1)).toEqual({ ok: false, error: 'badFunction' });
    expect(buildReadRequest(1, 3, 0, 0)).toEqual({ ok: false, error: 'badQuantity' });
    expect(buildReadRequest(1, 3, 0, 126)).toEqual({ ok: false, error: 'badQuantity' });
    expect(buildReadRequest(1, 3, 125, 125)).toMatchObject({ ok: true, fc: 3 });
    expect(buildReadRequest(1, 3, 0xffff, 2)).toEqual({ ok: false, error: 'badAddress' });
  });

  it('builds the FC 10 frames V3 and V4 with the generic builder', () => {
    expect(toHex(buildFrame(1, 0x10, [0, 4, 0, 3, 6, 9, 0x0c, 1, 5, 0x0c, 0]))).toBe(fx('V3').hex);
    expect(toHex(buildFrame(1, 0x10, [0, 4, 0, 3]))).toBe(fx('V4').hex);
  });
});

describe('ReplyParser', () => {
  it('parses V2 and V6', () => {
    expect(parseReply(bytes(fx('V2').hex), { slave: 1, fc: 3, qty: 1 })).toMatchObject({ status: 'ok', words: [80] });
    expect(parseReply(V6, aim)).toMatchObject({ status: 'ok', words: [45, 123, 68, 1] });
    expect(expectedReplyLength(4)).toBe(V6.length);
  });

  it('parses V6 split into two chunks at every position', () => {
    for (let cut = 1; cut < V6.length; cut++) {
      const p = new ReplyParser(aim);
      const first = p.push(V6.subarray(0, cut));
      expect(first.status, `cut ${cut}`).toBe('incomplete');
      expect(p.push(V6.subarray(cut))).toMatchObject({ status: 'ok', words: [45, 123, 68, 1] });
    }
  });

  it('parses V6 byte by byte, and does not stop at its CR LF', () => {
    const p = new ReplyParser(aim);
    const states = Array.from(V6, (b) => p.push(Uint8Array.of(b)).status);
    expect(states.slice(0, -1).every((s) => s === 'incomplete')).toBe(true);
    expect(states.at(-1)).toBe('ok');
  });

  it('parses any reply under any chunking (property)', () => {
    const arb = fc.record({
      slave: fc.integer({ min: 1, max: 247 }),
      fc: fc.constantFrom<ReadFunction>(3, 4),
      words: fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 125 }),
      cuts: fc.array(fc.nat(), { maxLength: 8 })
    });
    fc.assert(fc.property(arb, ({ slave, fc: f, words, cuts }) => {
      const frame = buildFrame(slave, f, [2 * words.length, ...words.flatMap((w) => [w >> 8, w & 0xff])]);
      const points = [...new Set(cuts.map((c) => c % frame.length))].filter((c) => c > 0).sort((a, b) => a - b);
      const p = new ReplyParser({ slave, fc: f, qty: words.length });
      let from = 0;
      let last = p.push(new Uint8Array(0));
      for (const c of [...points, frame.length]) { last = p.push(frame.subarray(from, c)); from = c; }
      expect(last).toMatchObject({ status: 'ok', words });
    }));
  });

  it('reports an exception reply with its code and name', () => {
    const r = parseReply(bytes(fx('aim-exception-2').hex), aim);
    expect(r).toMatchObject({ status: 'error', error: 'exception', exceptionCode: 2 });
    expect([1, 2, 3, 4].map(exceptionName)).toEqual(['illegalFunction', 'illegalDataAddress', 'illegalDataValue', 'serverDeviceFailure']);
    expect(exceptionName(99)).toBe('unknownException');
  });

  it('judges the CRC before anything else', () => {
    const bad = V6.slice();
    bad[0] = 2; // another slave, but the CRC no longer matches either
    expect(parseReply(bad, aim)).toMatchObject({ status: 'error', error: 'crc' });
    const crcOnly = V6.slice();
    crcOnly[12] = 0x0b;
    expect(parseReply(crcOnly, aim)).toMatchObject({ status: 'error', error: 'crc' });
  });

  it('reports a reply from another slave, another function, a wrong byte count', () => {
    const words = [0, 45, 0, 123, 0, 68, 0, 1];
    expect(parseReply(buildFrame(2, 3, [8, ...words]), aim)).toMatchObject({ status: 'error', error: 'wrongSlave' });
    expect(parseReply(buildFrame(1, 4, [8, ...words]), aim)).toMatchObject({ status: 'error', error: 'wrongFunction' });
    expect(parseReply(buildFrame(1, 0x84, [1]), aim)).toMatchObject({ status: 'error', error: 'wrongFunction' });
    expect(parseReply(buildFrame(1, 3, [6, 0, 45, 0, 123, 0, 68]), aim)).toMatchObject({ status: 'error', error: 'wrongLength' });
    expect(parseReply(buildFrame(1, 0x10, [0, 4, 0, 3]), aim)).toMatchObject({ status: 'error', error: 'wrongFunction' });
  });

  it('reports a truncated frame and, with no bytes, a timeout', () => {
    const p = new ReplyParser(aim);
    p.push(V6.subarray(0, 9));
    expect(p.finish()).toMatchObject({ status: 'error', error: 'truncated' });
    expect(new ReplyParser(aim).finish()).toMatchObject({ status: 'error', error: 'timeout' });
    const one = new ReplyParser(aim);
    one.push(Uint8Array.of(1));
    expect(one.finish()).toMatchObject({ status: 'error', error: 'truncated' });
  });

  it('ignores bytes after a complete frame', () => {
    const p = new ReplyParser(aim);
    p.push(Uint8Array.from([...V6, 0xff, 0xff]));
    expect(p.done).toBe(true);
    expect(p.push(Uint8Array.of(1))).toMatchObject({ status: 'ok', frame: V6 });
  });

  it('never throws on noise (property)', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 10 }), (chunks) => {
      const p = new ReplyParser(aim);
      for (const c of chunks) p.push(c);
      expect(['ok', 'error']).toContain(p.finish().status);
    }));
  });
});
