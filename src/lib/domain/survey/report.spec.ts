import { describe, expect, it } from 'vitest';
import { emptyHardware, emptySoftware, type AntivirusState, type DeviceType } from '../device';
import { surveyFindings, type ReportDevice, type SurveyInput } from './report';
import { evaluateRules } from './reportRules';

let n = 0;
function dev(o: Partial<ReportDevice> & { av?: AntivirusState; apps?: string[] } = {}): ReportDevice {
  const { av = 'ok', apps = [], ...rest } = o;
  const software = { ...emptySoftware(), antivirus: { name: '火绒安全', state: av }, installed: apps.map((name) => ({ name, version: '1' })) };
  const hardware = { ...emptyHardware(), cpu: 'Intel Core i5-9500', memoryGb: 8 };
  return { id: `d${++n}`, name: `PC-${n}`, type: 'desktop' as DeviceType, assetNumber: `A-${n}`, siteId: 's1', locationId: 'l1', warrantyEnd: '2028-01-01', status: 'inUse', importance: [], software, hardware, manufacturer: 'Lenovo', model: 'M720t', department: '', assignedUser: '', ...rest };
}

function input(devices: ReportDevice[]): SurveyInput {
  return {
    today: '2026-06-01', sites: [{ id: 's1', name: '总院' }], locations: [{ id: 'l1', siteId: 's1', building: '门诊楼', floor: '1F', room: '101' }],
    devices, licences: [{ id: 'lic', product: '用友U8', vendor: '用友', seats: 1, keyMasked: '', supplier: '' }], images: [], ipConflicts: 2
  };
}

describe('survey report findings', () => {
  const devices = [
    dev({ name: '财务-王伟', importance: ['finance'], apps: ['用友U8'] }),
    dev({ av: 'missing', apps: ['用友U8'] }),
    dev({ av: 'outdated', warrantyEnd: '2026-07-15' }),
    dev({ av: 'unknown', warrantyEnd: '2025-01-01' }),
    dev({ type: 'medical', name: '监护仪', manufacturer: 'Mindray', model: 'N12', locationId: null, warrantyEnd: '2026-01-01', status: 'retired' }),
    dev({ type: 'switch', name: 'SW-1', locationId: null })
  ];
  const f = surveyFindings(input(devices));

  it('counts the inventory by type and by site and building', () => {
    expect(f.total).toBe(6);
    expect(f.byType).toEqual([{ type: 'desktop', count: 4 }, { type: 'medical', count: 1 }, { type: 'switch', count: 1 }]);
    expect(f.byLocation).toEqual([{ site: '总院', building: '', count: 2 }, { site: '总院', building: '门诊楼', count: 4 }]);
  });

  it('lists warranties ending within 90 days and ended ones of devices still in use', () => {
    expect(f.warrantyEnding.map((d) => [d.id, d.detail])).toEqual([[devices[2]!.id, '2026-07-15']]);
    expect(f.warrantyEnded.map((d) => d.id)).toEqual([devices[3]!.id]); // the retired monitor is left out
  });

  it('lists computers without antivirus, out of date, and not yet checked', () => {
    expect(f.computers).toBe(4);
    expect(f.noAntivirus.map((d) => [d.id, d.detail])).toEqual([[devices[1]!.id, 'missing']]);
    expect(f.antivirusOutdated.map((d) => d.id)).toEqual([devices[2]!.id]);
    expect(f.antivirusUnknown.map((d) => d.id)).toEqual([devices[3]!.id]);
  });

  it('reads licence compliance and image coverage from the survey functions', () => {
    expect(f.unlicensed.map((r) => [r.product, r.installed, r.licensed, r.status])).toEqual([['用友U8', 2, 1, 'overDeployed']]);
    expect(f.imaged).toMatchObject({ covered: 0, total: 4 });
    expect(f.imaged.importantWithoutOwnImage.map((d) => d.name)).toEqual(['财务-王伟']);
    expect(f.special).toEqual([]); // retired
    expect(f.ipConflicts).toBe(2);
  });

  it('turns the findings into recommended actions', () => {
    expect(evaluateRules(f, 'en').map((r) => r.rule)).toEqual(['av-missing', 'av-outdated', 'licences', 'image-important', 'warranty-ended', 'image-coverage', 'ip-plan', 'warranty-ending', 'av-unknown']);
  });
});
