/**
 * Password hashing with scrypt (node:crypto), a random 16-byte salt per password, and the cost
 * parameters stored in the hash ('scrypt$N$r$p$salt$key', base64url) so they can be raised later
 * without invalidating stored hashes. Comparison is constant-time; an unknown login is checked
 * against a dummy hash so it costs the same as a wrong password.
 *
 * Every scrypt run, the dummy one included (so an unknown login still queues like a known one),
 * passes `scryptGate`: at most SCRYPT_CONCURRENCY at once, SCRYPT_QUEUE waiting, the rest refused
 * with BusyError before any work. The gate is one per process because the CPU, the memory and
 * libuv's thread pool it protects are.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { MIN_PASSWORD } from '../../src/lib/sync/accounts.ts';

export { MIN_PASSWORD };
import { Gate } from './gate.ts';

/** N = 2^15, r = 8: 32 MiB and about 0.1 s per check on a small server. */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEYLEN = 32;
export const MAX_PASSWORD = 1024;

/** main.ts sets the configured limits; this default only serves tools and tests. */
export const scryptGate = new Gate({ concurrency: 2, queue: 64 }, 'the server is busy checking other passwords; try again in a moment');

function scrypt(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return scryptGate.run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scryptCb(password.normalize('NFC'), salt, KEYLEN, { N, r, p, maxmem: 256 * N * r }, (err, key) => (err ? reject(err) : resolve(key)));
      })
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = SCRYPT;
  const key = await scrypt(password, salt, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const HASH_RE = /^scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{32,128})$/;

let dummy: Promise<string> | undefined;

/** True when `password` matches `stored`; a malformed or absent hash costs a real check and fails. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const m = stored ? HASH_RE.exec(stored) : null;
  const [N, r, p] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const sane = m !== null && N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
  if (!sane) {
    // A refused (busy) dummy must not stay cached: the next unknown login makes it again.
    dummy ??= hashPassword(randomBytes(16).toString('hex')).catch((e: unknown) => {
      dummy = undefined;
      throw e;
    });
    await verifyPassword(password, await dummy);
    return false;
  }
  const want = Buffer.from(m[5]!, 'base64url');
  const got = await scrypt(password, Buffer.from(m[4]!, 'base64url'), N, r, p);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** A random password that reads well when printed once: 20 characters, about 115 bits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** Why a new password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD) return `the password needs at least ${MIN_PASSWORD} characters`;
  if (password.length > MAX_PASSWORD) return `the password may have at most ${MAX_PASSWORD} characters`;
  return null;
}
