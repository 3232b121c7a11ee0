/**
 * The environment, parsed once into a plain object (pure, so it is tested without a process).
 * Relative paths resolve against the working directory, except the default STATIC_DIR, which
 * is the repository's build/ wherever the server is started from.
 */
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPostgresUrl } from './store/index.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Config {
  port: number;
  host: string;
  /** A postgres:// URL or a SQLite file path. */
  database: string;
  databaseKind: 'postgres' | 'sqlite';
  /** DATA_DIR: the SQLite file and the default place for backups. */
  dataDir: string;
  staticDir: string;
  tls: { certPath: string; keyPath: string } | null;
  logLevel: string;
  /** RATE_LIMIT_PER_MINUTE: /api requests per client address; burst a quarter of it. */
  apiLimit: { perMinute: number; burst: number };
  /** TOMBSTONE_TTL_DAYS: deleted records are collected this long after their last change (default 30). */
  tombstoneTtlDays: number;
  /** BLOB_GRACE_DAYS: a file no record names is dropped this long after its last touch (default 7). */
  blobGraceDays: number;
  /** PARTIAL_UPLOAD_HOURS: an unfinished upload is dropped this long after its last chunk (default 24). */
  partialUploadHours: number;
  /** SESSION_RETENTION_DAYS: ended sessions are kept this long after expiry or revocation (default 30). */
  sessionRetentionDays: number;
  /** SCRYPT_CONCURRENCY, SCRYPT_QUEUE: password checks at once, and how many may wait (passwords.ts). */
  scrypt: { concurrency: number; queue: number };
}

export function readConfig(env: Record<string, string | undefined>, cwd: string): Config {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got "${env.PORT}"`);
  const url = env.DATABASE_URL?.trim();
  const usePg = url !== undefined && isPostgresUrl(url);
  if (url && !usePg) throw new Error('DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for SQLite)');
  const { TLS_CERT: cert, TLS_KEY: key } = env;
  if (Boolean(cert) !== Boolean(key)) throw new Error('set both TLS_CERT and TLS_KEY, or neither');
  return {
    port,
    host: env.HOST || '0.0.0.0',
    database: usePg ? url : join(abs(env.DATA_DIR || './data'), 'assetwalk.sqlite'),
    databaseKind: usePg ? 'postgres' : 'sqlite',
    dataDir: abs(env.DATA_DIR || './data'),
    staticDir: env.STATIC_DIR ? abs(env.STATIC_DIR) : join(REPO_ROOT, 'build'),
    tls: cert && key ? { certPath: abs(cert), keyPath: abs(key) } : null,
    logLevel: env.LOG_LEVEL || 'warn',
    apiLimit: rateLimit(env.RATE_LIMIT_PER_MINUTE),
    tombstoneTtlDays: tombstoneTtl(env.TOMBSTONE_TTL_DAYS),
    blobGraceDays: whole('BLOB_GRACE_DAYS', env.BLOB_GRACE_DAYS, 7, 1),
    partialUploadHours: whole('PARTIAL_UPLOAD_HOURS', env.PARTIAL_UPLOAD_HOURS, 24, 1),
    sessionRetentionDays: whole('SESSION_RETENTION_DAYS', env.SESSION_RETENTION_DAYS, 30, 1),
    scrypt: {
      concurrency: whole('SCRYPT_CONCURRENCY', env.SCRYPT_CONCURRENCY, defaultScryptConcurrency(env.UV_THREADPOOL_SIZE), 1),
      queue: whole('SCRYPT_QUEUE', env.SCRYPT_QUEUE, 64, 0)
    }
  };
}

function whole(name: string, raw: string | undefined, fallback: number, min: number): number {
  const n = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number, at least ${min}, got "${raw}"`);
  return n;
}

/**
 * Two per core, but fewer than libuv's thread pool (UV_THREADPOOL_SIZE, 4 by default), where
 * node runs scrypt next to file reads and compression: more would only queue there, unbounded,
 * and starve them.
 */
function defaultScryptConcurrency(threadpool: string | undefined): number {
  const pool = Number(threadpool) > 0 ? Math.floor(Number(threadpool)) : 4;
  return Math.max(1, Math.min(2 * availableParallelism(), pool - 1));
}

function rateLimit(raw: string | undefined): { perMinute: number; burst: number } {
  const perMinute = Number(raw ?? 1200);
  if (!Number.isFinite(perMinute) || perMinute < 10) throw new Error(`RATE_LIMIT_PER_MINUTE must be a number of at least 10, got "${raw}"`);
  return { perMinute, burst: Math.max(10, Math.round(perMinute / 4)) };
}

function tombstoneTtl(raw: string | undefined): number {
  const days = Number(raw ?? 30);
  if (!Number.isInteger(days) || days < 1) throw new Error(`TOMBSTONE_TTL_DAYS must be a whole number of days, at least 1, got "${raw}"`);
  return days;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);

/** The address a person at this machine should open. */
export function displayUrl(cfg: Pick<Config, 'host' | 'tls'>, port: number): string {
  const host = WILDCARD.has(cfg.host) || isLoopback(cfg.host) ? 'localhost' : cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host;
  return `${cfg.tls ? 'https' : 'http'}://${host}:${port}`;
}

export const LAN_HTTPS_HINT =
  'Tablets on the LAN need HTTPS for offline use, camera scanning and Web Serial: set TLS_CERT and TLS_KEY, or put a TLS reverse proxy in front.';
