/**
 * Raw printing to network label printers (ZPL to TCP port 9100) through the server, since a
 * browser cannot open a socket. Printers are configured on the server only; a request names a
 * configured printer (by id, or by its exact host), anything else is refused before any
 * connection is made. Only ZPL formats (^XA … ^XZ) are forwarded. With accounts, only a request
 * with a valid bearer token may print.
 *   GET  /api/printers  → [{ id, name, dpi }]
 *   POST /api/print     { printerId | host, zpl } → { ok, printer, bytes } | 4xx | 502 printer-unreachable
 */
import { connect as netConnect, type Socket } from 'node:net';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps, RoutePlugin } from '../app.ts';
import { bearerPrincipal, requireRole, roleOf, WRITERS } from '../auth.ts';

export const printerConfigSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  name: z.string().min(1).max(100),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(9100),
  dpi: z.union([z.literal(203), z.literal(300)]).default(203)
});
export type PrinterConfig = z.infer<typeof printerConfigSchema>;

/** PRINTERS='[{"id":"ward3","name":"Ward 3 Zebra","host":"10.1.3.20"}]' → configs (throws on bad input). */
export function parsePrinters(raw: string | undefined): PrinterConfig[] {
  if (!raw || raw.trim() === '') return [];
  return z.array(printerConfigSchema).parse(JSON.parse(raw));
}

export type Connect = (port: number, host: string) => Socket;

export interface PrintOptions {
  printers: readonly PrinterConfig[];
  connect?: Connect;
  timeoutMs?: number;
  /** Resolves false to refuse with 401; absent: everyone may print (no accounts yet). */
  authorize?: (req: FastifyRequest) => Promise<boolean>;
}

const bodySchema = z.object({
  printerId: z.string().max(40).optional(),
  host: z.string().max(253).optional(),
  zpl: z.string().min(1).max(1024 * 1024)
}).refine((b) => (b.printerId === undefined) !== (b.host === undefined), 'give printerId or host');

export class PrinterUnreachable extends Error {}

/** Writes `data` to host:port and resolves with the bytes sent once the printer closed cleanly. */
export function sendRaw(p: Pick<PrinterConfig, 'host' | 'port'>, data: Buffer, connect: Connect, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const sock = connect(p.port, p.host);
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      sock.destroy();
      if (err) reject(new PrinterUnreachable(`${p.host}:${p.port}: ${err.message}`));
      else resolve(data.length);
    };
    sock.setTimeout(timeoutMs, () => finish(new Error('timed out')));
    sock.once('error', (e) => finish(e));
    sock.once('connect', () => sock.end(data, () => finish()));
  });
}

export const printPlugin: FastifyPluginAsync<PrintOptions> = async (app, opts) => {
  const connect = opts.connect ?? ((port, host) => netConnect({ port, host }));
  const timeoutMs = opts.timeoutMs ?? 5000;
  const allowed = async (req: FastifyRequest) => !opts.authorize || (await opts.authorize(req));

  app.get('/api/printers', async (req, reply) => {
    if (!(await allowed(req))) return reply.code(401).send({ error: 'unauthorized' });
    return opts.printers.map(({ id, name, dpi }) => ({ id, name, dpi }));
  });

  app.post('/api/print', async (req, reply) => {
    if (!(await allowed(req))) return reply.code(401).send({ error: 'unauthorized' });
    const parsed = bodySchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: 'bad-request', message: parsed.error.issues[0]?.message ?? 'invalid' });
    const { printerId, host, zpl } = parsed.data;
    const printer = printerId !== undefined
      ? opts.printers.find((p) => p.id === printerId)
      : opts.printers.find((p) => p.host === host || `${p.host}:${p.port}` === host);
    if (!printer) {
      return printerId !== undefined
        ? reply.code(404).send({ error: 'unknown-printer', message: printerId })
        : reply.code(403).send({ error: 'host-not-configured', message: 'only printers configured on the server may be used' });
    }
    if (!/\^XA[\s\S]*\^XZ/.test(zpl)) return reply.code(400).send({ error: 'not-zpl', message: 'expected ZPL formats (^XA … ^XZ)' });
    try {
      const bytes = await sendRaw(printer, Buffer.from(zpl, 'utf8'), connect, timeoutMs);
      return { ok: true, printer: printer.id, bytes };
    } catch (err) {
      if (!(err instanceof PrinterUnreachable)) throw err;
      req.log.warn({ printer: printer.id, err: err.message }, 'printer did not answer');
      return reply.code(502).send({ error: 'printer-unreachable', message: err.message });
    }
  });
};


/** The app's route: printers from deps (once AppOptions carries them) or the PRINTERS variable. */
export const printRoutes: RoutePlugin = async (app, deps: RouteDeps & { printers?: PrinterConfig[] }) => {
  const printers = deps.printers ?? parsePrinters(process.env.PRINTERS);
  await printPlugin(app, {
    printers,
    // Any valid token of a technician or admin (a viewer: 403); account tokens need no tenant here.
    authorize: async (req) => {
      const p = await bearerPrincipal(req, deps.store, deps.clock.now());
      if (p) requireRole(roleOf(p), WRITERS);
      return p !== null;
    }
  });
};
