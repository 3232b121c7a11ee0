// The cap on concurrent scrypt work (gate.ts, passwords.ts): a bounded queue, refusals that never
// start work, 503 with Retry-After at login, and logins that work again afterwards. No clocks:
// the gate's slot is held by a task the test finishes by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { BusyError, Gate } from '../src/gate.ts';
import { scryptGate } from '../src/passwords.ts';
import { LOGIN_LIMITS } from '../src/routes/auth.ts';
import { readConfig } from '../src/config.ts';
import { accountsFixture, client } from './accounts-fixture.ts';
import { backends } from './helpers.ts';

/** A task that runs until `finish` is called. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  return { task: () => done, finish };
}

/** Resolves once `n` of the promises have settled (in any order). */
function settled(ps: readonly Promise<unknown>[], n: number): Promise<void> {
  return new Promise((resolve) => {
    let k = 0;
    for (const p of ps) void p.finally(() => (++k === n ? resolve() : undefined)).catch(() => undefined);
  });
}

describe('Gate', () => {
  it('runs up to the limit, queues up to the queue, refuses the rest without starting them', async () => {
    const gate = new Gate({ concurrency: 2, queue: 1 });
    const a = held();
    const b = held();
    const started: string[] = [];
    const run = (name: string, t: () => Promise<void>) =>
      gate.run(async () => {
        started.push(name);
        await t();
      });
    const pa = run('a', a.task);
    const pb = run('b', b.task);
    const pc = run('c', async () => undefined);
    await expect(run('d', async () => undefined)).rejects.toBeInstanceOf(BusyError);
    expect(started).toEqual(['a', 'b']);
    expect(gate.state).toMatchObject({ running: 2, waiting: 1 });
    a.finish();
    await pa;
    await pc; // the waiter got a's slot
    expect(started).toEqual(['a', 'b', 'c']);
    b.finish();
    await pb;
    expect(gate.state).toMatchObject({ running: 0, waiting: 0 });
  });

  it('frees the slot of a failed task and starts waiters in arrival order', async () => {
    const gate = new Gate({ concurrency: 1, queue: 3 });
    const h = held();
    const order: number[] = [];
    const first = gate.run(async () => {
      await h.task();
      throw new Error('boom');
    });
    const rest = [1, 2, 3].map((i) => gate.run(async () => void order.push(i)));
    h.finish();
    await expect(first).rejects.toThrow('boom');
    await Promise.all(rest);
    expect(order).toEqual([1, 2, 3]);
    expect(gate.state.running).toBe(0);
  });

  it('takes new limits: a wider gate starts its waiters, a queue of 0 refuses at once', async () => {
    const gate = new Gate({ concurrency: 1, queue: 2 });
    const h = held();
    const first = gate.run(h.task);
    const waiter = gate.run(async () => 'ran');
    gate.configure({ concurrency: 2, queue: 0 });
    expect(await waiter).toBe('ran');
    const h2 = held();
    const second = gate.run(h2.task);
    await expect(gate.run(async () => undefined)).rejects.toBeInstanceOf(BusyError);
    h.finish();
    h2.finish();
    await Promise.all([first, second]);
  });

  it('reads SCRYPT_CONCURRENCY and SCRYPT_QUEUE, with defaults below libuv’s thread pool', () => {
    expect(readConfig({ SCRYPT_CONCURRENCY: '3', SCRYPT_QUEUE: '0' }, '/').scrypt).toEqual({ concurrency: 3, queue: 0 });
    const d = readConfig({}, '/').scrypt;
    expect(d.queue).toBe(64);
    expect(d.concurrency).toBeGreaterThanOrEqual(1);
    expect(d.concurrency).toBeLessThanOrEqual(3);
    expect(readConfig({ UV_THREADPOOL_SIZE: '1' }, '/').scrypt.concurrency).toBe(1);
    expect(() => readConfig({ SCRYPT_CONCURRENCY: '0' }, '/')).toThrow(/SCRYPT_CONCURRENCY/);
  });
});

describe.each(backends)('logins past the scrypt cap on $name', (b) => {
  const f = accountsFixture(b);
  afterEach(() => scryptGate.configure({ concurrency: 2, queue: 64 }));

  it.skipIf(b.skip)('refuses logins beyond the queue with 503 and Retry-After, without counting them as failures', async () => {
    const c = client(f);
    scryptGate.configure({ concurrency: 1, queue: 1 });
    const blocker = held();
    const busy = scryptGate.run(blocker.task); // the one slot, taken
    // More logins at once than the per-login failure limit, all with the right password.
    const n = LOGIN_LIMITS.perLogin + 2;
    const logins = Array.from({ length: n }, () => c.login('tech', 'tabT'));
    await settled(logins, n - 1); // all but the one waiting in the queue are answered
    expect(scryptGate.state).toMatchObject({ running: 1, waiting: 1 });
    blocker.finish();
    await busy;
    const replies = await Promise.all(logins);
    const codes = replies.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, ...Array<number>(n - 1).fill(503)]);
    const refused = replies.find((r) => r.statusCode === 503)!;
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toMatchObject({ error: 'busy' });
    // Nothing was counted against the login: the right password still gets in.
    expect((await c.login('tech', 'tabT')).statusCode).toBe(200);
    expect(await f.store.loginRetryAfter([{ key: 'login:tech', limit: 1 }], 15 * 60_000, f.now)).toBe(0);
  });

  it.skipIf(b.skip)('counts an unknown login’s dummy check against the cap too', async () => {
    const c = client(f);
    scryptGate.configure({ concurrency: 1, queue: 1 });
    const blocker = held();
    const busy = scryptGate.run(blocker.task);
    const queued = scryptGate.run(async () => 'queued');
    const unknown = await c.login('nobody', 'tabN');
    expect(unknown.statusCode).toBe(503);
    expect(unknown.headers['retry-after']).toBe('1');
    blocker.finish();
    await busy;
    expect(await queued).toBe('queued');
    // A refused dummy check is not kept: unknown and wrong logins are answered alike afterwards.
    expect((await c.login('nobody', 'tabN')).statusCode).toBe(401);
    expect((await c.login('tech', 'tabT', 'not the password')).statusCode).toBe(401);
  });
});
