// Accounts failures in words, and the catalogue covering every key they use in both languages.
import { describe, expect, it } from 'vitest';
import { accounts } from '$lib/i18n/messages/accounts';
import { interpolate } from '$lib/i18n/define';
import { grantsOf, draftOf } from './grants';
import { deviceName, sayFailure, waitWords } from './words';
import type { AuthFailure } from '$lib/sync/authClient';

const http = (status: number, error: string, retryAfterS: number | null = null): AuthFailure =>
  ({ ok: false, kind: 'http', status, error: error as 'invalid', message: 'm', retryAfterS });
const o = { server: 'https://assets.example.cn', lang: 'en' as const };

describe('sayFailure', () => {
  it('tells a wrong password at login from an ended session elsewhere', () => {
    expect(sayFailure(http(401, 'unauthorized'), 'login', o).key).toBe('accounts.err.wrong');
    expect(sayFailure(http(401, 'unauthorized'), 'other', o).key).toBe('accounts.err.loginAgain');
  });

  it('says how long to wait after too many attempts, in either language', () => {
    const said = sayFailure(http(429, 'rate-limited', 125), 'login', o);
    expect(interpolate(accounts.en[said.key], said.params)).toBe('Too many attempts. Try again in 2 min 5 s.');
    const zh = sayFailure(http(429, 'rate-limited', 900), 'login', { ...o, lang: 'zh-CN' });
    expect(interpolate(accounts['zh-CN'][zh.key], zh.params, 'zh-CN')).toBe('尝试次数过多，请在 15 分钟 后重试。');
  });

  it('tells a login the server was too busy to check apart from a wrong password', () => {
    const said = sayFailure(http(503, 'busy', 1), 'login', o);
    expect(interpolate(accounts.en[said.key], said.params)).toBe('The server is busy signing others in. Try again in 1 s.');
    const zh = sayFailure(http(503, 'busy', 1), 'login', { ...o, lang: 'zh-CN' });
    expect(interpolate(accounts['zh-CN'][zh.key], zh.params, 'zh-CN')).toBe('服务器正忙于处理其他登录，请在 1 秒 后重试。');
  });

  it('names the unreachable server, the tablet holding a code, and a taken tablet', () => {
    const net = sayFailure({ ok: false, kind: 'network', message: 'fetch failed' }, 'login', o);
    expect(interpolate(accounts.en[net.key], net.params)).toContain('https://assets.example.cn');
    const code = sayFailure(http(409, 'code-taken'), 'other', { ...o, tablet: 'Chrome · Android (li)' });
    expect(interpolate(accounts.en[code.key], code.params)).toBe('This code is already used by tablet Chrome · Android (li).');
    expect(sayFailure(http(409, 'tablet-taken'), 'login', o).key).toBe('accounts.err.tabletTaken');
    expect(sayFailure(http(403, 'forbidden'), 'other', o).key).toBe('accounts.err.forbidden');
    expect(sayFailure(http(502, 'unknown'), 'other', o)).toEqual({ key: 'accounts.err.server', params: { code: 502, message: 'm' } });
  });

  it('rounds waits up and names devices from their user agent', () => {
    expect(waitWords(0.2, 'en')).toBe('1 s');
    expect(waitWords(60, 'en')).toBe('1 min');
    expect(waitWords(45, 'zh-CN')).toBe('45 秒');
    expect(deviceName('Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Chrome/130.0 Safari/537.36')).toBe('Chrome · Android');
    expect(deviceName('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari/604.1')).toBe('Safari · iOS');
  });
});

describe('grants draft', () => {
  const tenants = [
    { id: 't1', name: 'A', sites: [{ id: 's1', name: 'S1' }, { id: 's2', name: 'S2' }] },
    { id: 't2', name: 'B', sites: [] }
  ];
  it('round-trips grants and drops a company with "some sites" but none ticked', () => {
    const draft = draftOf([{ tenantId: 't1', tenantName: 'A', siteIds: ['s2'] }], tenants);
    expect(grantsOf(draft)).toEqual([{ tenantId: 't1', siteIds: ['s2'] }]);
    const none = draft.map((d) => (d.tenantId === 't1' ? { ...d, sites: [] } : { ...d, on: true }));
    expect(grantsOf(none)).toEqual([{ tenantId: 't2', siteIds: '*' }]);
  });
});
