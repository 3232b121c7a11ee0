import { describe, expect, it } from 'vitest';
import { sampleClient } from '../sample';
import { imageCoverage } from '../survey/images';
import { softwareCatalogue } from '../survey/software';
import { softwareCompliance } from '../survey/licences';
import { sampleSurvey } from './survey';

describe('sample survey data', () => {
  const c = sampleClient(200, 7);
  const today = '2026-12-01';
  const s = sampleSurvey(c, today);
  const devices = c.devices.map((d) => ({ ...d, id: d.assetNumber }));

  it('gives the software screen real findings', () => {
    const rows = softwareCompliance(softwareCatalogue(devices), s.licences.map((l, i) => ({ ...l, id: String(i), keyMasked: '' })), today);
    const status = (p: string) => rows.find((r) => r.product.startsWith(p))?.status;
    expect(status('Microsoft Office')).toBe('overDeployed');
    expect(status('用友U8')).toBe('expiring');
    expect(status('卡巴斯基')).toBe('expired');
    expect(rows.find((r) => r.product === '卡巴斯基')!.installed).toBeGreaterThan(0);
    expect(status('HIS')).toBe('ok');
  });

  it('covers the two largest hardware groups and one manager, not everything', () => {
    const images = s.images.map((im, i) => ({ ...im, id: String(i), deviceIds: im.deviceAssets }));
    const cov = imageCoverage(devices, images);
    expect(cov.covered).toBeGreaterThan(cov.total / 4);
    expect(cov.uncovered.length).toBeGreaterThan(0);
    expect(images.filter((im) => im.deviceIds.length === 1)).toHaveLength(1);
    expect(s.drivers.length).toBeGreaterThan(10);
  });
});
