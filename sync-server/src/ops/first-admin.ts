/**
 * First start: with no account at all, create the administrator 'admin' with a random password
 * and return it so main.ts prints it once (never logged). Several servers starting together on
 * one PostgreSQL: the unique login lets exactly one of them create and print it.
 */
import { generatePassword } from '../passwords.ts';
import { ConflictError } from '../store/accounts.ts';
import type { Store } from '../store/index.ts';

export const FIRST_ADMIN_LOGIN = 'admin';

export async function ensureFirstAdmin(store: Store, now: number): Promise<string | null> {
  if ((await store.countAccounts()) > 0) return null;
  const password = generatePassword();
  try {
    await store.createAccount({ login: FIRST_ADMIN_LOGIN, name: 'Administrator', role: 'admin', password }, now);
  } catch (err) {
    if (err instanceof ConflictError) return null;
    throw err;
  }
  return password;
}

export const firstAdminLine = (password: string): string =>
  `First start: log in as "${FIRST_ADMIN_LOGIN}" with the password ${password} (shown once; change it after logging in).`;
