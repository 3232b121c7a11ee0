import { describe, expect, it } from 'vitest';
import { interpolate, type Lang } from '$lib/i18n/define';
import { sync as messages } from '$lib/i18n/messages/sync';
import { errorKind, refusalMessage, refusedLine, syncView, type SyncFacts } from './status';

const say = (m: { key: keyof typeof messages.en; params?: Record<string, string | number> } | null, lang: Lang = 'en') => (m ? interpolate(messages[lang][m.key], m.params, lang) : null);
const time = () => '14:05';
const base: SyncFacts = { run: 'idle', online: true, pending: 0, refused: 0, lastSyncedAt: 1_700_000_000_000, lastError: null };

describe('syncView: one state, in words, refused > error > offline > syncing > pending > synced', () => {
  const rows: [string, Partial<SyncFacts>, string, string, string | null][] = [
    ['all sent', {}, 'synced', 'Synced', null],
    ['never synced yet', { lastSyncedAt: null }, 'never', 'Never synced', null],
    ['one waiting', { pending: 1 }, 'pending', '1 change to send', null],
    ['three waiting', { pending: 3 }, 'pending', '3 changes to send', null],
    ['syncing beats pending', { run: 'syncing', pending: 3 }, 'syncing', 'Syncing…', null],
    ['offline beats syncing and pending', { online: false, run: 'syncing', pending: 2 }, 'offline', 'Offline: changes are kept', null],
    ['the last run found no network', { run: 'offline' }, 'offline', 'Offline: changes are kept', null],
    ['error beats offline', { run: 'error', online: false, lastError: 'HTTP 503' }, 'error', 'Sync failed, retrying', 'Last error: the server had a problem (HTTP 503). It is tried again by itself.'],
    ['a login is needed', { run: 'unauthorized' }, 'unauthorized', 'Not syncing: log in', 'Log in under Settings (or enter a client company’s access token there)'],
    ['one refused, though the last run went well', { refused: 1 }, 'refused', '1 change refused by the server', 'Open Settings › Sync to see them'],
    ['refused beats everything', { refused: 3, run: 'error', online: false, pending: 4, lastError: 'HTTP 500' }, 'refused', '3 changes refused by the server', 'Open Settings › Sync to see them']
  ];
  for (const [name, facts, state, headline, action] of rows) {
    it(name, () => {
      const v = syncView({ ...base, ...facts }, time);
      expect(v.state).toBe(state);
      expect(say(v.headline)).toBe(headline);
      expect(say(v.action)).toBe(action);
    });
  }

  it('never says Synced while the server has refused changes', () => {
    const v = syncView({ ...base, refused: 2 }, time);
    expect(say(v.headline)).not.toMatch(/Synced/);
    expect(v.href).toBe('/settings#sync');
    expect(say(v.headline, 'zh-CN')).toBe('2 项修改被服务器拒绝');
  });

  it('lists what waits, when it last synced and the last error as details', () => {
    const v = syncView({ ...base, refused: 1, pending: 2, lastError: 'Failed to fetch' }, time);
    expect(v.details.map((d) => say(d))).toEqual(['2 changes to send', 'Last synced 14:05', 'Last error: the server could not be reached (Failed to fetch).']);
    expect(syncView({ ...base, lastSyncedAt: null }, time).details.map((d) => say(d))).toEqual(['Never synced']);
  });
});

describe('errors and refusals in words', () => {
  it.each([
    ['HTTP 401', 'token'], ['HTTP 403', 'token'], ['HTTP 426', 'upgrade'], ['HTTP 500', 'server'], ['HTTP 413', 'too-large'],
    ['HTTP 400', 'invalid'], ['HTTP 410', 'gone'], ['Failed to fetch', 'network'], ['', 'other']
  ] as const)('%s is %s', (message, kind) => {
    expect(errorKind(message)).toBe(kind);
  });

  it('says why the server refused an entry, and keeps an unknown reason visible', () => {
    expect(say(refusalMessage('tenant-mismatch'))).toBe('The record belongs to another client company than the access token.');
    expect(say(refusalMessage('forbidden-site'), 'zh-CN')).toBe('访问令牌不包括此现场。');
    expect(say(refusalMessage('quota-exceeded'))).toBe('Refused by the server: quota-exceeded');
  });
});

describe('refused entries in words', () => {
  it('names the record by its asset number and links to it', () => {
    const l = refusedLine({ table: 'devices', recordId: 'd-1', op: 'upsert', fields: { assetNumber: 'SZYY-000012-X', name: 'PC', tenantId: 't' } }, 'tenant-mismatch');
    expect(say(l.kind)).toBe('Device');
    expect(say(l.op)).toBe('Edit');
    expect(l.name).toBe('SZYY-000012-X');
    expect(l.href).toBe('/devices/d-1');
    expect(l.fields).toEqual(['assetNumber', 'name', 'tenantId']);
    expect(say(l.reason)).toBe('The record belongs to another client company than the access token.');
  });

  it('falls back to a short id and an unknown table name', () => {
    const l = refusedLine({ table: 'gadgets', recordId: '0123456789ab', op: 'delete', fields: {} }, 'insert-only');
    expect(say(l.kind)).toBe('Record (gadgets)');
    expect(say(l.op, 'zh-CN')).toBe('删除');
    expect(l.name).toBe('01234567');
    expect(l.href).toBeNull();
  });
});
