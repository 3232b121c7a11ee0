/**
 * Test-only: a TCP proxy between tablets and the sync server that breaks connections the way
 * hospital Wi-Fi does (sync-protocol must-pass cases 5, 6, 13). Each new connection draws one
 * fault from a seeded generator, so a failing run can be replayed with its seed:
 *   pass      bytes flow both ways untouched;
 *   delay     every chunk waits 5–60 ms before it is forwarded;
 *   reset     the tablet's connection is reset (RST) before anything reaches the server;
 *   drop      the request reaches the server, the reply never reaches the tablet (the server may
 *             have committed: the tablet must resend and be answered `duplicate`);
 *   truncate  the reply is cut after half of its first chunk, then the connection is reset.
 * A connection is closed once it has been idle for a moment after a reply, so that the next
 * request opens a new one and draws its own fault (fetch keeps connections alive otherwise).
 * `faulty = false` lets everything pass (to let the system settle at the end of a run).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type Fault = 'pass' | 'delay' | 'reset' | 'drop' | 'truncate';

export interface FaultProxy {
  url: string;
  faulty: boolean;
  counts: Record<Fault, number>;
  close(): Promise<void>;
}

/** mulberry32: a small, fast, seeded generator (uniform in [0, 1)). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIGHTS: [Fault, number][] = [['pass', 0.55], ['delay', 0.15], ['reset', 0.1], ['drop', 0.1], ['truncate', 0.1]];

export async function startFaultProxy(target: string, seed: number): Promise<FaultProxy> {
  const { hostname, port } = new URL(target);
  const rand = seeded(seed);
  const sockets = new Set<Socket>();
  const proxy: FaultProxy = { url: '', faulty: true, counts: { pass: 0, delay: 0, reset: 0, drop: 0, truncate: 0 }, close: async () => {} };

  const draw = (): Fault => {
    if (!proxy.faulty) return 'pass';
    let r = rand();
    for (const [f, w] of WEIGHTS) if ((r -= w) < 0) return f;
    return 'pass';
  };

  const server: Server = createServer((client) => {
    const fault = draw();
    proxy.counts[fault]++;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (fault === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    const wait = () => new Promise((r) => setTimeout(r, fault === 'delay' ? 5 + Math.floor(rand() * 55) : 0));
    client.on('data', (chunk) => {
      if (fault === 'delay') void wait().then(() => upstream.write(chunk));
      else upstream.write(chunk);
    });
    let cut = false;
    let idle: ReturnType<typeof setTimeout> | undefined;
    upstream.on('data', (chunk) => {
      clearTimeout(idle);
      if (proxy.faulty) idle = setTimeout(() => {
        client.end();
        upstream.end();
      }, 40);
      if (cut) return;
      if (fault === 'drop') {
        cut = true;
        client.resetAndDestroy();
      } else if (fault === 'truncate') {
        cut = true;
        client.write(chunk.subarray(0, Math.floor(chunk.length / 2)), () => client.resetAndDestroy());
      } else if (fault === 'delay') void wait().then(() => client.write(chunk));
      else client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address() as { port: number };
  proxy.url = `http://127.0.0.1:${addr.port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
