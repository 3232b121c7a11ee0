/**
 * Rate limits: a token bucket per key (client address), refilled continuously.
 *
 * Invariants:
 * - a key holds at most `burst` tokens and gains `perMinute / 60` a second; a request spends one;
 *   with none left it is refused with the seconds until one is back (Retry-After, at least 1);
 * - memory is bounded: at most `maxKeys` buckets; the least recently used is dropped first (a
 *   dropped key starts full again, which only ever errs towards letting a client through);
 * - time comes from the caller, so tests move it instead of waiting.
 * One process keeps its own buckets: with several servers behind a balancer each enforces its
 * share, which is what a per-process limit can promise (README, "Several servers").
 */
export interface Limit {
  perMinute: number;
  burst: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterS: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limit: Limit, private readonly maxKeys = 10_000) {}

  take(key: string, now: number): Verdict {
    const rate = this.limit.perMinute / 60_000; // tokens per ms
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    this.buckets.delete(key); // re-inserted below: Map order is recency order
    b.tokens = Math.min(this.limit.burst, b.tokens + Math.max(0, now - b.at) * rate);
    b.at = now;
    let verdict: Verdict;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      verdict = { ok: true };
    } else {
      verdict = { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000)) };
    }
    this.buckets.set(key, b);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return verdict;
  }
}

/** API requests per client address; the app's own files are not counted. */
export const API_LIMIT: Limit = { perMinute: 1200, burst: 300 };
