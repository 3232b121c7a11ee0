/**
 * A QR Code Model 2 encoder for label payloads (ISO/IEC 18004): byte mode, ECC level M, a
 * given version (1–14) and a fixed mask. It exists for speed: bwip-js spends about 0.9 ms on a
 * version-3 symbol even with version and mask fixed, this spends a few microseconds, because
 * everything that does not depend on the data (function patterns, format and version bits,
 * the zig-zag order of the data modules and the mask over them) is computed once per version.
 * barcode.spec.ts checks it bit for bit against bwip-js (same version, mask and byte mode) and
 * the pipeline tests decode its output with jsqr.
 */

/** ECC M per version: error-correction codewords per block, and [blocks, data codewords] groups. */
const ECC_M: readonly [number, [number, number][]][] = [
  [10, [[1, 16]]], [16, [[1, 28]]], [26, [[1, 44]]], [18, [[2, 32]]], [24, [[2, 43]]],
  [16, [[4, 27]]], [18, [[4, 31]]], [22, [[2, 38], [2, 39]]], [22, [[3, 36], [2, 37]]],
  [26, [[4, 43], [1, 44]]], [30, [[1, 50], [4, 51]]], [22, [[6, 36], [2, 37]]],
  [22, [[8, 37], [1, 38]]], [24, [[4, 40], [5, 41]]]
];
const ALIGN: readonly number[][] = [
  [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46],
  [6, 28, 50], [6, 30, 54], [6, 32, 58], [6, 34, 62], [6, 26, 46, 66]
];
export const MAX_VERSION = ECC_M.length;

// GF(256), primitive polynomial x^8 + x^4 + x^3 + x^2 + 1.
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = x;
  LOG[x] = i;
  x = (x << 1) ^ (x & 0x80 ? 0x11d : 0);
}
for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;

function generator(n: number): Uint8Array {
  let g = new Uint8Array([1]);
  for (let i = 0; i < n; i++) {
    const next = new Uint8Array(g.length + 1);
    for (let j = 0; j < g.length; j++) {
      next[j] = next[j]! ^ g[j]!;
      if (g[j]) next[j + 1] = next[j + 1]! ^ EXP[LOG[g[j]!]! + i]!;
    }
    g = next;
  }
  return g;
}

function rsRemainder(data: Uint8Array, gen: Uint8Array): Uint8Array {
  const n = gen.length - 1;
  const r = new Uint8Array(n);
  for (const d of data) {
    const f = d ^ r[0]!;
    r.copyWithin(0, 1);
    r[n - 1] = 0;
    if (f) {
      const lf = LOG[f]!;
      for (let j = 0; j < n; j++) if (gen[j + 1]) r[j] = r[j]! ^ EXP[LOG[gen[j + 1]!]! + lf]!;
    }
  }
  return r;
}

const MASKS: readonly ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0, (_x, y) => y % 2 === 0, (x) => x % 3 === 0, (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0, (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0, (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0
];

interface Plan {
  size: number;
  template: Uint8Array;
  /** Data module indices in placement order, and whether the mask inverts each. */
  order: Uint32Array;
  flip: Uint8Array;
  gen: Uint8Array;
}

const plans = new Map<number, Plan>();

function plan(version: number, mask: number): Plan {
  const key = version * 8 + mask;
  const hit = plans.get(key);
  if (hit) return hit;
  const size = 17 + 4 * version;
  const mod = new Uint8Array(size * size);
  const fn = new Uint8Array(size * size);
  const set = (x: number, y: number, dark: boolean) => { mod[y * size + x] = dark ? 1 : 0; fn[y * size + x] = 1; };
  for (let i = 0; i < size; i++) { set(6, i, i % 2 === 0); set(i, 6, i % 2 === 0); }
  for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]] as const) {
    for (let dy = -4; dy <= 4; dy++) for (let dx = -4; dx <= 4; dx++) {
      const x = cx + dx; const y = cy + dy;
      if (x < 0 || y < 0 || x >= size || y >= size) continue;
      const d = Math.max(Math.abs(dx), Math.abs(dy));
      set(x, y, d !== 2 && d !== 4);
    }
  }
  const al = ALIGN[version - 1]!;
  for (let i = 0; i < al.length; i++) for (let j = 0; j < al.length; j++) {
    if ((i === 0 && j === 0) || (i === 0 && j === al.length - 1) || (i === al.length - 1 && j === 0)) continue;
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) set(al[i]! + dx, al[j]! + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
  }
  // Format bits: ECC level M (00) and the mask, BCH(15,5), XOR 0x5412.
  const data = mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  const fmt = ((data << 10) | rem) ^ 0x5412;
  const bit = (v: number, i: number) => ((v >>> i) & 1) === 1;
  for (let i = 0; i <= 5; i++) set(8, i, bit(fmt, i));
  set(8, 7, bit(fmt, 6)); set(8, 8, bit(fmt, 7)); set(7, 8, bit(fmt, 8));
  for (let i = 9; i < 15; i++) set(14 - i, 8, bit(fmt, i));
  for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bit(fmt, i));
  for (let i = 8; i < 15; i++) set(8, size - 15 + i, bit(fmt, i));
  set(8, size - 8, true);
  if (version >= 7) {
    let r = version;
    for (let i = 0; i < 12; i++) r = (r << 1) ^ ((r >>> 11) * 0x1f25);
    const vb = (version << 12) | r;
    for (let i = 0; i < 18; i++) {
      const a = size - 11 + (i % 3); const b = Math.floor(i / 3);
      set(a, b, bit(vb, i)); set(b, a, bit(vb, i));
    }
  }
  const order: number[] = [];
  const m = MASKS[mask]!;
  const flip: number[] = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert++) for (let j = 0; j < 2; j++) {
      const x = right - j;
      const y = ((right + 1) & 2) === 0 ? size - 1 - vert : vert;
      if (fn[y * size + x]) continue;
      order.push(y * size + x);
      flip.push(m(x, y) ? 1 : 0);
    }
  }
  const p: Plan = { size, template: mod, order: Uint32Array.from(order), flip: Uint8Array.from(flip), gen: generator(ECC_M[version - 1]![0]) };
  plans.set(key, p);
  return p;
}

/** Data and ECC codewords of `bytes` for `version` at level M, interleaved. */
function codewords(bytes: Uint8Array, version: number, gen: Uint8Array): Uint8Array {
  const [, groups] = ECC_M[version - 1]!;
  const blocks: [number, number][] = groups.flatMap(([n, d]) => Array.from({ length: n }, () => [n, d] as [number, number]));
  const dataLen = blocks.reduce((s, [, d]) => s + d, 0);
  const countBits = version <= 9 ? 8 : 16;
  if (bytes.length > Math.floor((dataLen * 8 - 4 - countBits) / 8)) throw new RangeError(`payload too long for version ${version}`);
  const buf = new Uint8Array(dataLen);
  let bitPos = 0;
  const put = (v: number, n: number) => {
    for (let i = n - 1; i >= 0; i--, bitPos++) if ((v >>> i) & 1) buf[bitPos >>> 3] = buf[bitPos >>> 3]! | (0x80 >>> (bitPos & 7));
  };
  put(0b0100, 4);
  put(bytes.length, countBits);
  for (const b of bytes) put(b, 8);
  bitPos = Math.min(dataLen * 8, bitPos + 4);
  let k = (bitPos + 7) >>> 3;
  for (let pad = 0xec; k < dataLen; k++, pad ^= 0xec ^ 0x11) buf[k] = pad;
  const ecLen = gen.length - 1;
  const dataBlocks: Uint8Array[] = [];
  const ecBlocks: Uint8Array[] = [];
  let at = 0;
  for (const [, d] of blocks) {
    const blk = buf.subarray(at, at + d);
    at += d;
    dataBlocks.push(blk);
    ecBlocks.push(rsRemainder(blk, gen));
  }
  const out = new Uint8Array(dataLen + ecLen * blocks.length);
  let o = 0;
  const maxD = Math.max(...blocks.map(([, d]) => d));
  for (let i = 0; i < maxD; i++) for (const b of dataBlocks) if (i < b.length) out[o++] = b[i]!;
  for (let i = 0; i < ecLen; i++) for (const b of ecBlocks) out[o++] = b[i]!;
  return out;
}

/** The symbol of `text` (UTF-8, byte mode) as a row-major matrix, 1 = dark. */
export function encodeQr(text: string, version: number, mask: number): { size: number; bits: Uint8Array } {
  if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION) throw new RangeError(`version ${version}`);
  if (!Number.isInteger(mask) || mask < 0 || mask > 7) throw new RangeError(`mask ${mask}`);
  const p = plan(version, mask);
  const cw = codewords(new TextEncoder().encode(text), version, p.gen);
  const bits = p.template.slice();
  const n = p.order.length;
  for (let i = 0; i < n; i++) {
    const b = i < cw.length * 8 ? (cw[i >>> 3]! >>> (7 - (i & 7))) & 1 : 0;
    bits[p.order[i]!] = b ^ p.flip[i]!;
  }
  return { size: p.size, bits };
}
