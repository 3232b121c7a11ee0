/**
 * Entry point and the only module with side effects: reads the environment, opens and
 * migrates the store, listens, and shuts down cleanly on SIGINT/SIGTERM.
 * Prints one line with the address to open (two when the LAN needs HTTPS). Never logs the
 * database URL or tokens.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { ensureFirstAdmin, firstAdminLine } from './ops/first-admin.ts';
import { gcLines, runGc } from './ops/gc-run.ts';
import { scryptGate } from './passwords.ts';
import { displayUrl, isLoopback, LAN_HTTPS_HINT, readConfig } from './config.ts';
import { openStore, scheduleGc } from './store/index.ts';

async function main(): Promise<void> {
  const cfg = readConfig(process.env, process.cwd());
  const https = cfg.tls ? { cert: readFileSync(cfg.tls.certPath), key: readFileSync(cfg.tls.keyPath) } : undefined;
  const store = openStore(cfg.database, { onError: (err) => console.error(`database connection error: ${err.message}`) });
  await store.migrate();
  scryptGate.configure(cfg.scrypt);
  const firstAdmin = await ensureFirstAdmin(store, Date.now());
  const app = await createApp({
    store,
    clock: { now: () => Date.now() },
    staticDir: cfg.staticDir,
    https,
    apiLimit: cfg.apiLimit,
    logger: { level: cfg.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] }
  });
  // Old tombstones, unused files and ended sessions go now and daily (ops/gc-run.ts); what went is
  // logged at info, failures printed (stdout keeps its one line).
  const stopGc = scheduleGc(
    () => runGc(store, cfg, Date.now()),
    (r) => {
      if (r instanceof Error) return console.error(`garbage collection failed: ${r.message}`);
      for (const line of r.errors) console.error(line);
      app.log.info(gcLines({ ...r, errors: [] }, cfg).join(' '));
    }
  );

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) process.exit(1); // a second signal: stop waiting
    closing = true;
    app.log.info({ signal }, 'shutting down');
    stopGc();
    await app.close(); // stops accepting, lets in-flight requests finish
    await store.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      shutdown(signal).catch((err: unknown) => {
        console.error(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      });
    });
  }

  await app.listen({ port: cfg.port, host: cfg.host });
  const { port } = app.server.address() as AddressInfo;
  console.log(`AssetWalk is running at ${displayUrl(cfg, port)}`);
  if (!cfg.tls && !isLoopback(cfg.host)) console.log(LAN_HTTPS_HINT);
  // Printed once on the console (not through the logger): the only way into a new server.
  if (firstAdmin) console.log(firstAdminLine(firstAdmin));
}

main().catch((err: unknown) => {
  console.error(`AssetWalk failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
