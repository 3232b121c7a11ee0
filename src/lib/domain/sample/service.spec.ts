import { describe, expect, it } from 'vitest';
import { sampleClient } from '../sample';
import { problemCandidates } from '../service/problems';
import { sampleService } from './service';

describe('sample service desk', () => {
  const now = Date.UTC(2026, 11, 1);
  const c = sampleClient(200, 7);
  const s = sampleService(c, now);
  it('has Chinese FAQ articles, special devices named by existing labels, and incidents on real devices', () => {
    expect(s.articles.length).toBeGreaterThanOrEqual(8);
    const assets = new Set(c.devices.map((d) => d.assetNumber));
    for (const a of s.articles) for (const l of a.links) if ('asset' in l) expect(assets.has(l.asset)).toBe(true);
    for (const i of s.incidents) if (i.asset) expect(assets.has(i.asset)).toBe(true);
    expect(s.incidents.every((i) => Date.parse(i.openedAt) <= now)).toBe(true);
  });
  it('includes a recurring device that is flagged as a problem candidate', () => {
    const rows = s.incidents.map((i, n) => ({ id: String(n), deviceId: i.asset, model: '', openedAt: i.openedAt }));
    expect(problemCandidates(rows, new Date(now).toISOString()).some((p) => p.kind === 'device')).toBe(true);
  });
});
