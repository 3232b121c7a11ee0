import { describe, expect, it } from 'vitest';
import type { DeviceRef, Findings } from './report';
import { evaluateRules, measure, REPORT_RULES, type Measure } from './reportRules';

const refs = (n: number): DeviceRef[] => Array.from({ length: n }, (_, i) => ({ id: `d${i}`, name: `PC-${i}`, assetNumber: '', detail: '' }));
function clean(): Findings {
  return {
    total: 10, byType: [], byLocation: [], warrantyEnding: [], warrantyEnded: [], noAntivirus: [], antivirusOutdated: [], antivirusUnknown: [],
    computers: 10, unlicensed: [], imaged: { covered: 10, total: 10, uncovered: [], importantWithoutOwnImage: [] }, special: [], ipConflicts: 0
  };
}
/** Findings where `m` measures exactly `n`. */
function withMeasure(m: Measure, n: number): Findings {
  const f = clean();
  switch (m) {
    case 'noAntivirus': f.noAntivirus = refs(n); break;
    case 'antivirusOutdated': f.antivirusOutdated = refs(n); break;
    case 'antivirusUnknown': f.antivirusUnknown = refs(n); break;
    case 'unlicensed': f.unlicensed = Array.from({ length: n }, (_, i) => ({ key: `p${i}`, product: `P${i}`, installed: 3, licensed: 1, status: 'overDeployed', expiresAt: null, licenceIds: [], installerPaths: [] })); break;
    case 'warrantyEnded': f.warrantyEnded = refs(n); break;
    case 'warrantyEnding': f.warrantyEnding = refs(n); break;
    case 'uncoveredPercent': f.imaged = { covered: 100 - n, total: 100, uncovered: refs(n), importantWithoutOwnImage: [] }; break;
    case 'importantWithoutImage': f.imaged = { ...f.imaged, importantWithoutOwnImage: refs(n) }; break;
    case 'ipConflicts': f.ipConflicts = n; break;
    case 'special': f.special = refs(n); break;
  }
  expect(measure(f, m)).toBe(n);
  return f;
}

describe('recommended actions of the survey report', () => {
  it('a clean survey recommends nothing', () => {
    expect(evaluateRules(clean(), 'en')).toEqual([]);
  });

  for (const rule of REPORT_RULES) {
    it(`rule ${rule.id}: fires at ${rule.atLeast} ${rule.measure}, not below, with its count in both languages`, () => {
      const below = evaluateRules(withMeasure(rule.measure, rule.atLeast - 1), 'en').map((r) => r.rule);
      expect(below).not.toContain(rule.id);
      const n = rule.atLeast + 2;
      const en = evaluateRules(withMeasure(rule.measure, n), 'en').find((r) => r.rule === rule.id);
      const zh = evaluateRules(withMeasure(rule.measure, n), 'zh-CN').find((r) => r.rule === rule.id);
      expect(en).toMatchObject({ priority: rule.priority, value: n });
      expect(en!.text).toContain(String(n));
      expect(en!.text).not.toContain('{n}');
      expect(zh!.text).toContain(String(n));
      expect(zh!.text).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('lists high priority first, then in table order', () => {
    const f = clean();
    f.warrantyEnding = refs(1);
    f.noAntivirus = refs(2);
    f.ipConflicts = 1;
    f.unlicensed = withMeasure('unlicensed', 1).unlicensed;
    expect(evaluateRules(f, 'en').map((r) => r.rule)).toEqual(['av-missing', 'licences', 'ip-plan', 'warranty-ending']);
  });

  it('rule ids are unique and every text names its count', () => {
    expect(new Set(REPORT_RULES.map((r) => r.id)).size).toBe(REPORT_RULES.length);
    for (const r of REPORT_RULES) { expect(r.en).toContain('{n}'); expect(r.zh).toContain('{n}'); }
  });
});
