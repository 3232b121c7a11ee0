import { describe, expect, it } from 'vitest';
import { effectiveLabelOrigin, isLoopbackOrigin, parseLabelOrigin } from './origin';

describe('the address printed in label codes', () => {
  it('accepts an http(s) origin, normalised, with or without a trailing slash', () => {
    expect(parseLabelOrigin(' https://Assets.Example.cn/ ')).toEqual({ ok: true, origin: 'https://assets.example.cn' });
    expect(parseLabelOrigin('http://10.0.0.5:8080')).toEqual({ ok: true, origin: 'http://10.0.0.5:8080' });
    expect(parseLabelOrigin('https://assets.example.cn:443')).toEqual({ ok: true, origin: 'https://assets.example.cn' });
  });

  it('refuses what is not an origin, saying why', () => {
    expect(parseLabelOrigin('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseLabelOrigin('assets.example.cn')).toEqual({ ok: false, problem: 'notUrl' });
    expect(parseLabelOrigin('ftp://assets.example.cn')).toEqual({ ok: false, problem: 'scheme' });
    expect(parseLabelOrigin('javascript:alert(1)')).toEqual({ ok: false, problem: 'scheme' });
    expect(parseLabelOrigin('https://admin:secret@assets.example.cn')).toEqual({ ok: false, problem: 'credentials' });
    expect(parseLabelOrigin('https://assets.example.cn/app')).toEqual({ ok: false, problem: 'path' });
    expect(parseLabelOrigin('https://assets.example.cn/?x=1')).toEqual({ ok: false, problem: 'path' });
    expect(parseLabelOrigin('https://assets.example.cn/#a')).toEqual({ ok: false, problem: 'path' });
    expect(parseLabelOrigin('https://assets.example.cn?')).toEqual({ ok: false, problem: 'path' });
  });

  it('knows localhost and loopback addresses', () => {
    for (const o of ['http://localhost:5173', 'http://LOCALHOST', 'http://app.localhost', 'http://127.0.0.1:4173', 'http://127.8.9.10', 'http://[::1]:8080', 'http://0.0.0.0:3000', 'http://[::ffff:127.0.0.1]'])
      expect(isLoopbackOrigin(o), o).toBe(true);
    for (const o of ['https://assets.example.cn', 'http://192.168.1.20:8080', 'http://10.0.0.1', 'http://128.0.0.1', 'http://[2001:db8::1]', 'http://localhost.example.cn', 'not a url'])
      expect(isLoopbackOrigin(o), o).toBe(false);
  });

  it('uses the team’s address when set, else the page’s own', () => {
    expect(effectiveLabelOrigin('https://assets.example.cn', 'http://127.0.0.1:4173')).toBe('https://assets.example.cn');
    expect(effectiveLabelOrigin(null, 'http://192.168.1.20:8080/')).toBe('http://192.168.1.20:8080');
    expect(effectiveLabelOrigin('', 'http://192.168.1.20:8080')).toBe('http://192.168.1.20:8080');
    expect(effectiveLabelOrigin('https://x.cn/path', 'http://192.168.1.20:8080')).toBe('http://192.168.1.20:8080');
  });
});
