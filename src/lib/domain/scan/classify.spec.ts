import { describe, expect, it } from 'vitest';
import { formatAssetNumber } from '../assetNumber';
import { classifyScan, isSchemeAssetNumber, type ScanCode } from './classify';
import { gs1CheckDigitOk, looksLikeRawGs1, parseGs1Bracketed, parseGs1Raw } from './gs1';
import { GS, printable, unwrap } from './text';

const N = formatAssetNumber('ACME', 123); // ACME-000123-L
const ctx = { bases: ['https://assets.example.cn', 'http://192.168.1.20:8080'] };
const c = (s: string): ScanCode => classifyScan(s, ctx);

describe('classifyScan: accepted', () => {
  it.each([
    ['bare number', N, 'bare'],
    ['lower case with gun suffix', N.toLowerCase() + '\r\n', 'bare'],
    ['label URL', `https://assets.example.cn/a/${N}`, 'url'],
    ['label URL, trailing slash and query', `https://assets.example.cn/a/${N}/?src=qr#x`, 'url'],
    ['label URL, encoded', `https://assets.example.cn/a/${encodeURIComponent(N)}`, 'url'],
    ['LAN origin', `http://192.168.1.20:8080/a/${N}`, 'url'],
    ['host case-insensitive', `https://ASSETS.example.cn/a/${N}`, 'url'],
    ['AIM prefix', `]Q1https://assets.example.cn/a/${N}`, 'url']
  ])('%s', (_, input, via) => {
    expect(c(input)).toMatchObject({ kind: 'asset', assetNumber: N, scheme: true, via });
  });

  it('keeps a base path', () => {
    expect(classifyScan(`https://x.cn/aw/a/${N}`, { bases: ['https://x.cn/aw/'] })).toMatchObject({ kind: 'asset', assetNumber: N });
    expect(classifyScan(`https://x.cn/a/${N}`, { bases: ['https://x.cn/aw'] })).toMatchObject({ kind: 'rejected', reason: 'foreignOrigin' });
  });

  it('takes a legacy client tag from our own URL', () => {
    expect(c('https://assets.example.cn/a/HD0042')).toMatchObject({ kind: 'asset', assetNumber: 'HD0042', scheme: false });
  });

  it('reads a room label', () => {
    expect(c('https://assets.example.cn/audit/room/3f2a-77')).toEqual({ kind: 'room', locationId: '3f2a-77', text: 'https://assets.example.cn/audit/room/3f2a-77' });
  });

  it.each([
    ['AA:BB:CC:DD:EE:0F'], ['aa-bb-cc-dd-ee-0f'], ['aabbccddee0f'], ['AABB.CCDD.EE0F']
  ])('MAC %s', (m) => {
    expect(c(m)).toMatchObject({ kind: 'mac', mac: 'AA:BB:CC:DD:EE:0F' });
  });

  it.each([
    ['(01)09506000134352(21)ABC123'],
    [`]d2010950600013435221ABC123`],
    [`0109506000134352${'21'}ABC123${GS}10LOT7`],
    [`${GS}0109506000134352${'21'}ABC123`],
    ['010950600013435221ABC123']
  ])('GS1 %s', (s) => {
    expect(c(s)).toMatchObject({ kind: 'gs1', gtin: '09506000134352', serial: 'ABC123' });
  });

  it('GS1 with GTIN only', () => {
    expect(c('(01)09506000134352')).toMatchObject({ kind: 'gs1', gtin: '09506000134352', serial: null });
  });

  it.each([['CN0ABC123X'], ['5CG1234XYZ'], ['HD0042'], ['sn-77/a_b.c']])('plain %s', (s) => {
    expect(c(s)).toMatchObject({ kind: 'plain', value: s });
  });
});

describe('classifyScan: rejected', () => {
  it.each([
    ['foreign origin', 'https://evil.example.com/a/' + N, 'foreignOrigin'],
    ['look-alike host', 'https://assets.example.cn.evil.com/a/' + N, 'foreignOrigin'],
    ['other scheme', 'https://assets.example.cn:444/a/' + N, 'foreignOrigin'],
    ['http vs https', 'http://assets.example.cn/a/' + N, 'foreignOrigin'],
    ['javascript', 'javascript://assets.example.cn/%0aalert(1)', 'foreignOrigin'],
    ['other path of ours', 'https://assets.example.cn/devices/123', 'unknownPath'],
    ['nested asset path', `https://assets.example.cn/a/${N}/edit`, 'unknownPath'],
    ['bad check char', N.slice(0, -1) + (N.endsWith('L') ? 'M' : 'L'), 'checkChar'],
    ['transposed digits', 'ACME-000132-L', 'checkChar'],
    ['bad check char in URL', 'https://assets.example.cn/a/ACME-000123-M', 'checkChar'],
    ['empty', '  \r\n', 'empty'],
    ['too long', 'A'.repeat(600), 'tooLong'],
    ['Chinese text', '设备编号', 'unrecognised'],
    ['Wi-Fi QR', 'WIFI:S:guest;T:WPA;P:x;;', 'unrecognised'],
    ['markup', '<img src=x onerror=alert(1)>', 'unrecognised'],
    ['bad GTIN check digit', '(01)09506000134353(21)A', 'badGs1'],
    ['unknown AI in raw GS1', `]C1${'0109506000134352'}77XYZ`, 'badGs1']
  ])('%s', (_, input, reason) => {
    const r = c(input);
    expect(r).toMatchObject({ kind: 'rejected', reason });
    expect(r.text).toBe(input);
  });

  it('names the foreign origin', () => {
    expect(c('https://evil.example.com/a/x')).toMatchObject({ detail: 'https://evil.example.com' });
  });

  it('accepts nothing when no base is configured', () => {
    expect(classifyScan('https://assets.example.cn/a/' + N, { bases: ['', 'not a url'] })).toMatchObject({ reason: 'foreignOrigin' });
  });
});

describe('helpers', () => {
  it('unwraps AIM identifiers', () => {
    expect(unwrap(']C1' + '0109506000134352')).toEqual({ body: '0109506000134352', gs1: true });
    expect(unwrap(']Q1hello ')).toEqual({ body: 'hello', gs1: false });
  });
  it('shows control characters', () => {
    expect(printable(`01${GS}21\r`)).toBe('01␝21␍');
    expect(printable('x'.repeat(300))).toHaveLength(201);
  });
  it('GS1 check digits and raw detection', () => {
    expect(gs1CheckDigitOk('09506000134352')).toBe(true);
    expect(gs1CheckDigitOk('4006381333931')).toBe(true);
    expect(gs1CheckDigitOk('09506000134351')).toBe(false);
    expect(looksLikeRawGs1('0109506000134352')).toBe(true);
    expect(looksLikeRawGs1('0109506000134351')).toBe(false);
    expect(looksLikeRawGs1('0109506000134352QQ')).toBe(false);
    expect(parseGs1Bracketed('nope')).toBeNull();
    expect(parseGs1Raw(`0109506000134352${'17'}261231${'21'}S1`)).toEqual({ ok: true, fields: { '01': '09506000134352', '17': '261231', '21': 'S1' } });
    expect(parseGs1Raw('21' + 'X'.repeat(21))).toMatchObject({ ok: false, reason: 'badLength' });
  });
  it('recognises scheme numbers', () => {
    expect(isSchemeAssetNumber(N.toLowerCase())).toBe(true);
    expect(isSchemeAssetNumber('HD0042')).toBe(false);
  });
});
