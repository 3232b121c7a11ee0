/**
 * Accounts outcomes in words: every failure of the accounts API becomes one message key with its
 * parameters (the catalogue is src/lib/i18n/messages/accounts.ts). Pure, so it is tested in Node.
 */
import type { AuthFailure } from '$lib/sync/authClient';
import type { Role } from '$lib/sync/accounts';

export interface Said {
  key:
    | 'accounts.err.wrong'
    | 'accounts.err.tooMany'
    | 'accounts.err.busy'
    | 'accounts.err.unreachable'
    | 'accounts.err.tabletTaken'
    | 'accounts.err.codeTaken'
    | 'accounts.err.forbidden'
    | 'accounts.err.loginAgain'
    | 'accounts.err.exists'
    | 'accounts.err.invalid'
    | 'accounts.err.server';
  params: Record<string, string | number>;
}

/** "2 min 5 s" style wait, rounded up to whole seconds; minutes only past ten minutes. */
export function waitWords(seconds: number, lang: 'en' | 'zh-CN'): string {
  const s = Math.max(1, Math.ceil(seconds));
  const m = Math.floor(s / 60);
  const r = s % 60;
  if (lang === 'zh-CN') return m === 0 ? `${s} 秒` : m >= 10 || r === 0 ? `${Math.ceil(s / 60)} 分钟` : `${m} 分 ${r} 秒`;
  return m === 0 ? `${s} s` : m >= 10 || r === 0 ? `${Math.ceil(s / 60)} min` : `${m} min ${r} s`;
}

/**
 * What a failed call means to the person who made it. `during` says what they were doing:
 * at login a 401 is a wrong password; anywhere else it means the session is gone.
 */
export function sayFailure(f: AuthFailure, during: 'login' | 'other', o: { server: string; lang: 'en' | 'zh-CN'; tablet?: string }): Said {
  if (f.kind === 'network') return { key: 'accounts.err.unreachable', params: { server: o.server || (typeof location !== 'undefined' ? location.origin : '') } };
  if (f.status === 429) return { key: 'accounts.err.tooMany', params: { wait: waitWords(f.retryAfterS ?? 60, o.lang) } };
  // Too many password checks at once on the server (sync-server/src/gate.ts): nothing was wrong with this one.
  if (f.status === 503) return { key: 'accounts.err.busy', params: { wait: waitWords(f.retryAfterS ?? 5, o.lang) } };
  if (f.error === 'tablet-taken') return { key: 'accounts.err.tabletTaken', params: {} };
  if (f.error === 'code-taken') return { key: 'accounts.err.codeTaken', params: { tablet: o.tablet ?? '?' } };
  if (f.status === 401) return { key: during === 'login' ? 'accounts.err.wrong' : 'accounts.err.loginAgain', params: {} };
  if (f.status === 403) return { key: 'accounts.err.forbidden', params: {} };
  if (f.status === 409) return { key: 'accounts.err.exists', params: {} };
  if (f.status === 400) return { key: 'accounts.err.invalid', params: { message: f.message } };
  return { key: 'accounts.err.server', params: { code: f.status, message: f.message } };
}

export const ROLE_KEY = {
  admin: 'accounts.role.admin',
  technician: 'accounts.role.technician',
  viewer: 'accounts.role.viewer'
} as const satisfies Record<Role, string>;

/** The minimum password length the server enforces (defined with the accounts contract). */
export { MIN_PASSWORD } from '$lib/sync/accounts';

/** A name for this tablet shown in the administrator's tablet list. */
export function deviceName(userAgent: string): string {
  const os = /Android/i.test(userAgent) ? 'Android' : /iPad|iPhone/i.test(userAgent) ? 'iOS' : /Windows/i.test(userAgent) ? 'Windows' : /Mac OS/i.test(userAgent) ? 'macOS' : /Linux/i.test(userAgent) ? 'Linux' : 'Device';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Chrome\//.test(userAgent) ? 'Chrome' : /Firefox\//.test(userAgent) ? 'Firefox' : /Safari\//.test(userAgent) ? 'Safari' : 'Browser';
  return `${browser} · ${os}`;
}
