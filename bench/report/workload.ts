// A month of a large client's service desk: N incidents opened in November 2026 (Shanghai working
// hours), each with a work log (responded, sometimes pending for a while, resolved), ratings on a
// third of them and comments on a tenth; 2,000 devices of 30 models; 40 changes. Deterministic.
import { rng } from '../../src/lib/domain/sample';
import type { ReportChange, ReportIncident } from '../../src/lib/domain/service/report';
import type { IncidentLog, Priority } from '../../src/lib/domain/service/types';

const CATEGORIES = ['hardware', 'software', 'network', 'printer', 'account', 'medical', 'other'];
const COMMENTS = ['处理及时，谢谢', '等待时间有点长', 'Fixed quickly', '工程师很耐心', '第二次出现同样问题', 'Printer still jams sometimes'];

export function workload(n: number, seed = 11): { incidents: ReportIncident[]; logs: IncidentLog[]; changes: ReportChange[] } {
  const r = rng(seed);
  const incidents: ReportIncident[] = [];
  const logs: IncidentLog[] = [];
  const H = 3_600_000;
  let seq = 0;
  for (let i = 0; i < n; i++) {
    // a working day of November 2026 (Mon–Fri), 09:00–17:00 Shanghai = 01:00–09:00 UTC
    let day = 2 + Math.floor(r() * 27);
    while (new Date(Date.UTC(2026, 10, day)).getUTCDay() % 6 === 0) day = 2 + Math.floor(r() * 27);
    const open = Date.UTC(2026, 10, day, 1) + Math.floor(r() * 8 * H);
    const x = r();
    const priority: Priority = x < 0.05 ? 'P1' : x < 0.2 ? 'P2' : x < 0.7 ? 'P3' : 'P4';
    const id = `i${i}`;
    const responded = open + Math.floor(r() * 3 * H);
    const resolved = responded + Math.floor(r() * 30 * H);
    const done = r() < 0.9;
    const log = (at: number, from: string, to: string) => logs.push({ id: `l${++seq}`, incidentId: id, tenantId: 't', at: new Date(at).toISOString(), by: 'x', kind: 'status', from, to });
    log(responded, 'new', 'in-progress');
    if (r() < 0.2) {
      const p = responded + Math.floor(r() * 2 * H);
      log(p, 'in-progress', 'pending');
      log(p + Math.floor(r() * 20 * H), 'pending', 'in-progress');
    }
    if (done) log(resolved + 40 * H, 'in-progress', 'resolved');
    const device = Math.floor(r() ** 2 * 2000);
    const rated = done && r() < 0.33;
    incidents.push({
      id, number: `INC-202611-${String(i + 1).padStart(5, '0')}`, title: `事件 ${i}`, deviceId: `d${device}`, model: `Model ${device % 30}`,
      category: CATEGORIES[Math.floor(r() * CATEGORIES.length)]!, priority, status: done ? 'closed' : 'in-progress', openedAt: new Date(open).toISOString(),
      respondedAt: new Date(responded).toISOString(), resolvedAt: done ? new Date(resolved + 40 * H).toISOString() : undefined,
      satisfaction: rated ? { score: 1 + Math.floor(r() * 5), comment: r() < 0.3 ? COMMENTS[Math.floor(r() * COMMENTS.length)]! : '' } : undefined
    });
  }
  const changes: ReportChange[] = Array.from({ length: 40 }, (_, i) => ({
    number: `CHG-202611${String(1 + (i % 28)).padStart(2, '0')}-${String(i).padStart(4, '0')}`, title: `变更 ${i}：交换机固件升级`, risk: ['low', 'medium', 'high'][i % 3]!,
    status: ['closed', 'implemented', 'backed-out', 'scheduled'][i % 4]!, scheduledStart: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T22:00`, createdAt: '2026-10-20T00:00:00Z',
    outcome: i % 4 === 2 ? '失败，已回退' : '完成', deviceCount: 1 + (i % 5)
  }));
  return { incidents, logs, changes };
}
