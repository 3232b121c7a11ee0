// How the transport reads a server's (or a proxy's) refusals, over real HTTP: a 4xx that names a
// mutation is "invalid" (the push splits the batch until that one is parked); a 4xx that says
// nothing about the mutations is retried later and never parks anything.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTransport } from './transport';

let server: Server;
let base: string;
const replies = new Map<string, { status: number; body: string; type?: string }>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const r = replies.get(req.headers['x-case'] as string) ?? { status: 500, body: '' };
    res.writeHead(r.status, { 'content-type': r.type ?? 'application/json' });
    res.end(r.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

function push(name: string) {
  const t = httpTransport({ baseUrl: base, token: () => 'aw_x', fetch: (u, init) => fetch(u, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), 'x-case': name } }) });
  return t.push([]);
}

describe('httpTransport refusals', () => {
  it.each([
    ['400 invalid', 400, { error: 'invalid', issues: [] }],
    ['400 naming a mutation', 400, { error: 'too-deep', mutationId: '2f0c', path: ['fields', 'custom'] }],
    ['403 forbidden record', 403, { error: 'forbidden', message: 'record belongs to another tenant' }],
    ['422 naming a mutation', 422, { error: 'unprocessable', mutationId: '2f0c' }]
  ])('%s splits the batch', async (name, status, body) => {
    replies.set(name, { status, body: JSON.stringify(body) });
    expect(await push(name)).toEqual({ kind: 'invalid', status });
  });

  it.each([
    ['400 from a proxy', 400, '<html>Bad Request</html>', 'text/html'],
    ['400 missing header', 400, JSON.stringify({ error: 'bad-request', message: 'X-AssetWalk-Protocol header required' }), undefined],
    ['429 rate limited', 429, JSON.stringify({ error: 'rate-limited', mutationId: 'x' }), undefined]
  ])('%s is retried later, never parks a mutation', async (name, status, body, type) => {
    replies.set(name, { status, body, type });
    expect(await push(name)).toEqual({ kind: 'server', status });
  });

  it('413, 410 and 426 keep their own meaning', async () => {
    for (const [status, kind] of [[413, 'too-large'], [410, 'gone'], [426, 'upgrade']] as const) {
      replies.set(String(status), { status, body: '{}' });
      expect((await push(String(status))).kind).toBe(kind);
    }
  });
});

describe('httpTransport deadline', () => {
  it('a request that neither answers nor fails, even ignoring its abort signal, is a network failure', async () => {
    const never: typeof fetch = () => new Promise<Response>(() => {});
    const t = httpTransport({ baseUrl: base, token: () => 'aw_x', fetch: never, timeoutMs: 50 });
    expect(await t.push([])).toMatchObject({ kind: 'network', error: 'no answer within 50 ms' });
    // A body that never ends after the headers: the same.
    const stalled: typeof fetch = async () => new Response(new ReadableStream({ start() {} }), { status: 200 });
    const u = httpTransport({ baseUrl: base, token: () => 'aw_x', fetch: stalled, timeoutMs: 50 });
    expect(await u.pull(0, 10)).toMatchObject({ kind: 'network' });
  });
});
