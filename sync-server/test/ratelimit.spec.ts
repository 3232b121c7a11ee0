import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { RateLimiter } from '../src/ratelimit.ts';
import { openStore } from '../src/store/index.ts';

describe('RateLimiter', () => {
  it('lets a burst through, then refuses with the seconds until the next request may go', () => {
    const l = new RateLimiter({ perMinute: 60, burst: 3 });
    expect([1, 2, 3].map(() => l.take('a', 0).ok)).toEqual([true, true, true]);
    expect(l.take('a', 0)).toEqual({ ok: false, retryAfterS: 1 });
    expect(l.take('b', 0).ok).toBe(true); // another client is not affected
    expect(l.take('a', 999).ok).toBe(false);
    expect(l.take('a', 1000).ok).toBe(true); // one a second
    expect(l.take('a', 1000).ok).toBe(false);
  });

  it('says how long to wait when the rate is slow', () => {
    const l = new RateLimiter({ perMinute: 2, burst: 1 });
    expect(l.take('a', 0).ok).toBe(true);
    expect(l.take('a', 0)).toEqual({ ok: false, retryAfterS: 30 });
  });

  it('keeps at most maxKeys buckets, dropping the least recently used', () => {
    const l = new RateLimiter({ perMinute: 60, burst: 1 }, 2);
    l.take('a', 0);
    l.take('b', 0);
    l.take('a', 0); // a is now the most recent
    l.take('c', 0); // drops b
    expect(l.take('a', 0).ok).toBe(false); // a was kept, and is still empty
    expect(l.take('b', 0).ok).toBe(true); // b was dropped, so it starts full again
  });
});

describe('rate limit on the API', () => {
  it('answers 429 with Retry-After once a client exceeds it; the app shell is not counted', async () => {
    const store = openStore(':memory:');
    await store.migrate();
    let now = 1_000_000;
    const app = await createApp({ store, clock: { now: () => now }, apiLimit: { perMinute: 60, burst: 5 } });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await app.inject('/api/health')).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await app.inject('/api/sync/pull');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toMatchObject({ error: 'rate-limited' });
    expect((await app.inject({ url: '/', headers: { accept: 'text/html' } })).statusCode).not.toBe(429);
    now += 1000;
    expect((await app.inject('/api/health')).statusCode).toBe(200);
    await app.close();
    await store.close();
  });
});
