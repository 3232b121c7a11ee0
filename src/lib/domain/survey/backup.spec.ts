import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION, parseBackup, restorableFields } from './backup';
import { toCsv } from './csvExport';

describe('client backup file', () => {
  const good = { format: BACKUP_FORMAT, version: BACKUP_VERSION, schema: 5, exportedAt: '', tenantId: 't', tenantName: 'T', tables: { devices: [{ id: 'd1' }], sites: [] } };
  it('accepts its own version and counts rows', () => {
    expect(parseBackup(JSON.stringify(good))).toMatchObject({ ok: true, rows: 1 });
  });
  it('refuses a newer version, other files and broken tables, saying which', () => {
    expect(parseBackup(JSON.stringify({ ...good, version: BACKUP_VERSION + 1 }))).toEqual({ ok: false, reason: 'newerVersion', version: BACKUP_VERSION + 1 });
    expect(parseBackup('{')).toEqual({ ok: false, reason: 'notJson' });
    expect(parseBackup('{"format":"x"}')).toEqual({ ok: false, reason: 'notBackup' });
    expect(parseBackup(JSON.stringify({ ...good, tables: { devices: [{ name: 'no id' }] } }))).toMatchObject({ ok: false, reason: 'invalid', detail: 'devices' });
  });
  it('restores fields only, never clocks or index fields', () => {
    expect(restorableFields({ id: 'd', name: 'n', clocks: {}, createdAt: 'x', updatedAt: 'y', _macs: [] })).toEqual({ id: 'd', name: 'n' });
  });
});

describe('CSV export', () => {
  it('writes a BOM, quotes what needs it and defuses formulas', () => {
    const csv = toCsv([{ a: '资产, 一', b: 3 }, { a: '=HYPERLINK("x")', b: null }], [{ header: '名称', value: (r) => r.a }, { header: 'n', value: (r) => r.b }]);
    expect(csv).toBe('\uFEFF名称,n\r\n"资产, 一",3\r\n"\'=HYPERLINK(""x"")",');
  });
});
