import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { parsePrinters, printPlugin, type PrinterConfig } from '../src/routes/print.ts';
import { backends, NOW, seedTenant, type Opened } from './helpers.ts';

const ZPL = '^XA\n^CI28\n^PW400\n^LL200\n^FO16,16^BQN,2,4^FH^FDMA,https://a.example/a/HD-104200001-I^FS\n^FO120,20^A0N,28,25^FH^FD护士站 _5E1^FS\n^XZ\n';

/** A fake label printer: records every byte each connection sent. */
async function fakePrinter(): Promise<{ server: Server; port: number; received: Buffer[] }> {
  const received: Buffer[] = [];
  const server = createServer((sock) => {
    const parts: Buffer[] = [];
    sock.on('data', (d) => parts.push(d));
    sock.on('end', () => { received.push(Buffer.concat(parts)); sock.end(); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, received };
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('print route (standalone plugin)', () => {
  let app: FastifyInstance;
  let printer: Awaited<ReturnType<typeof fakePrinter>>;
  let connects: string[];
  beforeEach(async () => {
    printer = await fakePrinter();
    const dead = await closedPort();
    const printers: PrinterConfig[] = [
      { id: 'ward3', name: 'Ward 3 Zebra', host: '127.0.0.1', port: printer.port, dpi: 203 },
      { id: 'off', name: 'Switched off', host: '127.0.0.2', port: dead, dpi: 300 }
    ];
    connects = [];
    const { connect } = await import('node:net');
    app = Fastify();
    await app.register(printPlugin, { printers, timeoutMs: 1000, connect: (port, host) => { connects.push(`${host}:${port}`); return connect({ port, host }); } });
  });
  afterEach(async () => {
    await app.close();
    await new Promise<void>((r) => printer.server.close(() => r()));
  });

  it('lists the configured printers without their addresses', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/printers' });
    expect(res.json()).toEqual([{ id: 'ward3', name: 'Ward 3 Zebra', dpi: 203 }, { id: 'off', name: 'Switched off', dpi: 300 }]);
  });

  it('sends exactly the ZPL bytes to the printer on its port', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/print', payload: { printerId: 'ward3', zpl: ZPL } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, printer: 'ward3', bytes: Buffer.byteLength(ZPL) });
    await new Promise((r) => setTimeout(r, 50));
    expect(printer.received).toHaveLength(1);
    expect(printer.received[0]!.equals(Buffer.from(ZPL, 'utf8'))).toBe(true);
  });

  it('refuses a host that is not configured, and an unknown printer, without connecting', async () => {
    const a = await app.inject({ method: 'POST', url: '/api/print', payload: { host: '192.0.2.1', zpl: ZPL } });
    expect(a.statusCode).toBe(403);
    expect(a.json().error).toBe('host-not-configured');
    const b = await app.inject({ method: 'POST', url: '/api/print', payload: { printerId: 'nope', zpl: ZPL } });
    expect(b.statusCode).toBe(404);
    const c = await app.inject({ method: 'POST', url: '/api/print', payload: { printerId: 'ward3', zpl: 'hello' } });
    expect(c.statusCode).toBe(400);
    const d = await app.inject({ method: 'POST', url: '/api/print', payload: { printerId: 'ward3', host: '127.0.0.1', zpl: ZPL } });
    expect(d.statusCode).toBe(400);
    expect(connects).toEqual([]);
  });

  it('accepts a configured host, and reports a printer that does not answer (502, retryable)', async () => {
    const ok = await app.inject({ method: 'POST', url: '/api/print', payload: { host: `127.0.0.1:${printer.port}`, zpl: ZPL } });
    expect(ok.statusCode).toBe(200);
    const res = await app.inject({ method: 'POST', url: '/api/print', payload: { printerId: 'off', zpl: ZPL } });
    expect(res.statusCode).toBe(502);
    expect(res.json().error).toBe('printer-unreachable');
    const again = await app.inject({ method: 'POST', url: '/api/print', payload: { printerId: 'ward3', zpl: ZPL } });
    expect(again.statusCode).toBe(200);
  });

  it('parses the PRINTERS variable with defaults, and refuses bad entries', () => {
    expect(parsePrinters(undefined)).toEqual([]);
    expect(parsePrinters('[{"id":"a","name":"A","host":"10.0.0.5"}]')).toEqual([{ id: 'a', name: 'A', host: '10.0.0.5', port: 9100, dpi: 203 }]);
    expect(() => parsePrinters('[{"id":"a b","name":"A","host":"x"}]')).toThrow();
  });
});

describe.each(backends)('print route in the app on $name: only a signed-in technician may print', (b) => {
  let o: Opened;
  let app: FastifyInstance;
  let printer: Awaited<ReturnType<typeof fakePrinter>>;
  const saved = process.env.PRINTERS;
  beforeEach(async () => {
    if (b.skip) return;
    o = await b.open();
    await o.store.migrate();
    printer = await fakePrinter();
    process.env.PRINTERS = JSON.stringify([{ id: 'ward3', name: 'Ward 3', host: '127.0.0.1', port: printer.port }]);
    app = await createApp({ store: o.store, clock: { now: () => NOW } });
  });
  afterEach(async () => {
    if (b.skip) return;
    process.env.PRINTERS = saved;
    await app.close();
    await new Promise<void>((r) => printer.server.close(() => r()));
    await o.cleanup();
  });

  it.skipIf(b.skip)('401 without a token, printed with one', async () => {
    const acme = await seedTenant(o.store, 'ACME');
    const { token } = await o.store.createToken({ tenantId: acme.tenant.id, siteIds: '*' });
    const no = await app.inject({ method: 'POST', url: '/api/print', payload: { printerId: 'ward3', zpl: ZPL } });
    expect(no.statusCode).toBe(401);
    const yes = await app.inject({ method: 'POST', url: '/api/print', headers: { authorization: `Bearer ${token}` }, payload: { printerId: 'ward3', zpl: ZPL } });
    expect(yes.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(printer.received.map((x) => x.toString('utf8'))).toEqual([ZPL]);
  });
});
