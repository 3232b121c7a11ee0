import { describe, expect, it } from 'vitest';
import { MIN_FREE_BYTES, originalsToFetch, prefetchBlock, roomFor, type OriginalRecord } from './prefetch';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('prefetchBlock', () => {
  it('runs only when chosen, online, without Save-Data and off cellular or metered links', () => {
    expect(prefetchBlock('background', { online: true })).toBeNull();
    expect(prefetchBlock('background', { online: true, saveData: false, type: 'wifi' })).toBeNull();
    expect(prefetchBlock('on-demand', { online: true, type: 'wifi' })).toBe('off');
    expect(prefetchBlock('background', { online: false, type: 'wifi' })).toBe('offline');
    expect(prefetchBlock('background', { online: true, saveData: true, type: 'ethernet' })).toBe('save-data');
    expect(prefetchBlock('background', { online: true, type: 'cellular' })).toBe('metered');
    expect(prefetchBlock('background', { online: true, type: 'wifi', metered: true })).toBe('metered');
  });
});

describe('roomFor', () => {
  it('keeps 10 % of the quota free', () => {
    expect(roomFor({ usage: 8 * GB, quota: 10 * GB }, 900 * MB)).toEqual({ ok: true }); // 1.1 GB left of 10
    expect(roomFor({ usage: 8 * GB, quota: 10 * GB }, 1.1 * GB)).toEqual({ ok: false, reason: 'low', free: 2 * GB, quota: 10 * GB });
  });

  it('keeps 200 MB free on a small quota', () => {
    expect(roomFor({ usage: 0, quota: 500 * MB }, 299 * MB)).toEqual({ ok: true });
    expect(roomFor({ usage: 0, quota: 500 * MB }, 301 * MB)).toMatchObject({ ok: false, reason: 'low' });
    expect(roomFor({ usage: 0, quota: MIN_FREE_BYTES }, 1)).toMatchObject({ ok: false, reason: 'low' });
  });

  it('downloads nothing when the browser does not say how much room there is', () => {
    expect(roomFor({ usage: null, quota: 10 * GB }, 1)).toEqual({ ok: false, reason: 'unknown' });
    expect(roomFor({ usage: 0, quota: 0 }, 1)).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('originalsToFetch', () => {
  const rec = (sha256: string, created: number, extra: Partial<OriginalRecord> = {}): OriginalRecord => ({ tenantId: 't1', sha256, size: 1000, created, ...extra });

  it("takes this company's missing originals, newest first, each once, resuming cut ones", () => {
    const records = [
      rec('old', 1), rec('new', 3), rec('mid', 2), rec('here', 4),
      rec('other-co', 5, { tenantId: 't2' }), rec('gone', 6, { deleted: true }),
      rec('old', 7) // a second record naming the same bytes, newer
    ];
    const missing = new Map([['old', 0], ['new', 0], ['mid', 400], ['other-co', 0], ['gone', 0]]);
    expect(originalsToFetch(records, missing, 't1')).toEqual([
      { sha256: 'old', size: 1000, done: 0 },
      { sha256: 'new', size: 1000, done: 0 },
      { sha256: 'mid', size: 1000, done: 400 }
    ]);
    expect(originalsToFetch(records, new Map(), 't1')).toEqual([]);
  });
});
