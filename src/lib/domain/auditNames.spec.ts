import { describe, expect, it } from 'vitest';
import { emptyRefNames, referencedIds, shortId, showAuditValue, type RefNames } from './auditNames';

const room301 = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
const room305 = '6fa459ea-ee8a-3ca4-894e-db77e160355e';
const gone = '16fd2706-8baf-433b-82eb-8c7fada847da';
const site = '886313e1-3b8a-5372-9b90-0c9aee199e5d';
const device = 'c56a4180-65aa-42ec-a945-5fd21dec0538';

function names(): RefNames {
  const n = emptyRefNames();
  return {
    ...n,
    location: new Map([[room301, '门诊楼 / 3F / 301'], [room305, '门诊楼 / 3F / 305'], [gone, null]]),
    site: new Map([[site, '市一医院本院']]),
    device: new Map([[device, 'SZYY-000090-Q']])
  };
}

describe('showAuditValue', () => {
  it('shows a moved device by the names of both locations', () => {
    expect(showAuditValue('locationId', room301, names())).toEqual({ kind: 'text', text: '门诊楼 / 3F / 301' });
    expect(showAuditValue('locationId', room305, names())).toEqual({ kind: 'text', text: '门诊楼 / 3F / 305' });
  });

  it('shows sites by name and devices by asset number', () => {
    expect(showAuditValue('siteId', site, names())).toEqual({ kind: 'text', text: '市一医院本院' });
    expect(showAuditValue('deviceId', device, names())).toEqual({ kind: 'text', text: 'SZYY-000090-Q' });
  });

  it('marks a deleted target as removed and an unknown one as unknown, with a short id only', () => {
    expect(showAuditValue('locationId', gone, names())).toEqual({ kind: 'removed', id: '16fd2706' });
    const unknown = showAuditValue('tenantId', room301, names());
    expect(unknown).toEqual({ kind: 'unknown', id: '1b4e28ba' });
  });

  it('shows no location as empty', () => {
    expect(showAuditValue('locationId', null, names())).toEqual({ kind: 'empty' });
    expect(showAuditValue('name', '', names())).toEqual({ kind: 'empty' });
  });

  it('never shows a raw UUID, not even in other fields or inside JSON values', () => {
    const shown = showAuditValue('correctsCheckId', gone, names());
    expect(shown).toEqual({ kind: 'text', text: '16fd2706' });
    const json = showAuditValue('custom', { ref: room305 }, names());
    expect(json.kind === 'text' && json.text).toBe('{"ref":"6fa459ea"}');
  });

  it('keeps ordinary values and shortens long ones', () => {
    expect(showAuditValue('room', '301', names())).toEqual({ kind: 'text', text: '301' });
    const long = showAuditValue('notes', 'x'.repeat(200), names());
    expect(long.kind === 'text' && long.text.length).toBe(120);
  });
});

describe('referencedIds', () => {
  it('collects each referenced id once per kind, ignoring other fields and empty values', () => {
    const ids = referencedIds([
      { field: 'locationId', from: room301, to: room305 },
      { field: 'locationId', from: room305, to: null },
      { field: 'siteId', from: '', to: site },
      { field: 'name', from: device, to: 'x' }
    ]);
    expect(ids.location).toEqual([room301, room305].sort());
    expect(ids.site).toEqual([site]);
    expect(ids.device).toEqual([]);
  });
});

describe('shortId', () => {
  it('keeps the first eight characters of a UUID', () => {
    expect(shortId(room301)).toBe('1b4e28ba');
    expect(shortId('abc')).toBe('abc');
  });
});
