import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256 } from './sha256';

const ref = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('incremental SHA-256', () => {
  it('matches the FIPS test vectors', () => {
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives node:crypto’s digest for every length around the block edges, in uneven slices', () => {
    const data = randomBytes(300);
    for (let n = 0; n <= 300; n++) {
      const h = new Sha256();
      const part = data.subarray(0, n);
      for (let i = 0; i < n; i += 7) h.update(part.subarray(i, i + 7));
      expect(h.hex(), `length ${n}`).toBe(ref(part));
    }
  });

  it('hashes a few megabytes fed as 1 MiB slices like node:crypto', () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const h = new Sha256();
    for (let i = 0; i < data.length; i += 1 << 20) h.update(data.subarray(i, i + (1 << 20)));
    expect(h.hex()).toBe(ref(data));
  });
});
