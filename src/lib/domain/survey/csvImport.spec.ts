import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from './encoding';
import { guessMapping, parseCsvTable } from './csvMapping';
import { parseCost, parseDate, planImport, type PlanContext } from './csvRows';
import { isPlaceholderSerial } from './placeholders';

const file = (f: string) => new Uint8Array(readFileSync(`tests/fixtures/import/${f}`));
const ctx = (over: Partial<PlanContext> = {}): PlanContext => ({
  tenantId: 't', siteId: 's', existingAssetNumbers: new Set(), existingSerials: new Set(),
  locate: (text) => (text === 'Main / 3F / 301' ? 'loc-301' : null), ...over
});

describe('file encodings as Excel in China saves them', () => {
  it('reads GBK, GB18030 and UTF-8 with and without a BOM to the same text', () => {
    const gbk = decodeText(file('snipeit-zh-gbk.csv'));
    const bom = decodeText(file('snipeit-zh-bom.csv'));
    expect(gbk.encoding).toBe('gb18030');
    expect(bom.encoding).toBe('utf-8-bom');
    expect(gbk.text).toBe(bom.text);
    expect(gbk.text).toContain('财务部-张敏');
    expect(decodeText(file('snipeit-en.csv')).encoding).toBe('utf-8');
    const gb = decodeText(file('snipeit-zh-gb18030.csv'));
    expect(gb.text).toContain('张䶮');
  });

  it('never takes UTF-8 Chinese for GBK', () => {
    const bytes = new TextEncoder().encode('资产标签,序列号\r\nA-1,X\r\n');
    expect(decodeText(bytes)).toEqual({ text: '资产标签,序列号\r\nA-1,X\r\n', encoding: 'utf-8' });
  });
});

describe('column mapping', () => {
  it('guesses Snipe-IT English headers', () => {
    const t = parseCsvTable(decodeText(file('snipeit-en.csv')).text);
    const m = guessMapping(t.headers);
    expect(t.headers[m.assetNumber!]).toBe('Asset Tag');
    expect(t.headers[m.name!]).toBe('Asset Name');
    expect(t.headers[m.serial!]).toBe('Serial');
    expect(t.headers[m.model!]).toBe('Model');
    expect(t.headers[m.purchaseDate!]).toBe('Purchased');
    expect(t.headers[m.purchaseCost!]).toBe('Cost');
    expect(t.headers[m.warrantyEnd!]).toBe('Warranty Expires');
    expect(t.headers[m.warrantyMonths!]).toBe('Warranty');
    expect(t.headers[m.assignedUser!]).toBe('Checked Out To');
    expect(m.department).toBeNull();
  });

  it('guesses Chinese headers', () => {
    const t = parseCsvTable(decodeText(file('snipeit-zh-gbk.csv')).text);
    const m = guessMapping(t.headers);
    expect(t.headers[m.assetNumber!]).toBe('资产标签');
    expect(t.headers[m.serial!]).toBe('序列号');
    expect(t.headers[m.assignedUser!]).toBe('已借出给');
    expect(t.headers[m.location!]).toBe('位置');
    expect(t.headers[m.warrantyEnd!]).toBe('保修到期');
  });
});

describe('rows to devices', () => {
  it('imports good rows, lists bad ones with their row number and reason', () => {
    const t = parseCsvTable(decodeText(file('snipeit-en.csv')).text);
    const plan = planImport(t, guessMapping(t.headers), ctx());
    expect(plan.valid.map((r) => r.line)).toEqual([2, 3]);
    const [a, b] = plan.valid.map((r) => r.fields);
    expect(a).toMatchObject({ assetNumber: 'SZ-0001', serial: 'PC0ABCDE', purchaseCost: 4299, purchaseDate: '2021-03-04', warrantyEnd: '2024-03-04', locationId: 'loc-301', type: 'desktop', status: 'inUse', assignedUser: 'Wang Wei' });
    expect(b).toMatchObject({ assetNumber: 'SZ-0002', serial: '', type: 'laptop', status: 'inStock', purchaseDate: '2022-07-15', notes: 'Has a "docking" station', locationId: null });
    expect(b!.custom.location).toBe('Main / 2F / 205');
    expect(plan.invalid).toEqual([{ line: 4, assetNumber: 'SZ-0003', errors: [{ field: 'purchaseDate', code: 'invalidDate', value: '2020-13-01' }] }]);
  });

  it('reports duplicates of existing asset numbers and serials, and inside the file', () => {
    const csv = 'Asset Tag,Serial\nA-1,S1\nA-2,S2\nA-3,S3\nA-3,S4\nA-5,s4\n';
    const t = parseCsvTable(csv);
    const plan = planImport(t, guessMapping(t.headers), ctx({ existingAssetNumbers: new Set(['A-1']), existingSerials: new Set(['S2']) }));
    expect(plan.valid.map((r) => r.line)).toEqual([4]);
    expect(plan.invalid.map((r) => [r.line, r.errors.map((e) => e.code)])).toEqual([
      [2, ['duplicateAssetNumber']], [3, ['duplicateSerial']], [5, ['duplicateInFile']], [6, ['duplicateInFile']]
    ]);
  });

  it('needs an asset number and refuses a wrong check character', () => {
    const t = parseCsvTable('Asset Tag,Name\n,x\nSZYY-000001-X,y\n');
    const plan = planImport(t, guessMapping(t.headers), ctx());
    expect(plan.invalid.map((r) => r.errors[0]!.code)).toEqual(['required', 'assetNumberCheckChar']);
  });

  it('keeps the row numbering across blank and multi-line rows', () => {
    const t = parseCsvTable('Asset Tag,Notes\nA-1,x\n\nA-2,y\n');
    expect(t.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('treats vendor placeholder serials as empty', () => {
    for (const s of ['To Be Filled By O.E.M.', 'Default string', 'System Serial Number', '0', '000000', 'N/A', 'NA', ' none ']) expect(isPlaceholderSerial(s), s).toBe(true);
    for (const s of ['PC0ABCDE', '7H2K9L3', '0A12']) expect(isPlaceholderSerial(s), s).toBe(false);
  });

  it('reads dates and costs the way Excel writes them', () => {
    expect(parseDate('2021/3/4')).toBe('2021-03-04');
    expect(parseDate('2021年3月4日')).toBe('2021-03-04');
    expect(parseDate('2021-03-04 00:00:00')).toBe('2021-03-04');
    expect(parseDate('')).toBeNull();
    expect(parseDate('04/03/2021')).toBeUndefined();
    expect(parseCost('￥1,234.50')).toBe(1234.5);
    expect(parseCost('4299元')).toBe(4299);
    expect(parseCost('abc')).toBeUndefined();
  });
});
