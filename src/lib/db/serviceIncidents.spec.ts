import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MATRIX } from '$lib/domain/service/priority';
import { slaState } from '$lib/domain/service/sla';
import { IncidentRepository, type NewIncident } from './serviceIncidents';
import { ServiceConfigRepository, ServiceConfigError } from './serviceConfigs';
import { testDb } from './testing';

const base: NewIncident = { tenantId: 't1', siteId: 's1', device: { id: 'd1', model: 'LaserJet Pro M404dn', type: 'printer' }, title: '打印机卡纸', description: '财务室打印机频繁卡纸', reporter: '王芳', category: 'printer', impact: 2, urgency: 2 };

describe('incident repository', () => {
  it('creates an incident with its number, priority from the matrix and the device model, queued for sync', async () => {
    const { db, ctx } = testDb();
    const repo = new IncidentRepository(db, ctx);
    const a = await repo.create(base, DEFAULT_MATRIX, 'Asia/Shanghai');
    const b = await repo.create({ ...base, impact: 1, urgency: 1 }, DEFAULT_MATRIX, 'Asia/Shanghai');
    expect(a).toMatchObject({ number: 'INC-202612-0001', priority: 'P3', status: 'new', model: 'LaserJet Pro M404dn', deviceType: 'printer', deviceId: 'd1' });
    expect(b).toMatchObject({ number: 'INC-202612-0002', priority: 'P1' });
    expect((await db.outbox.toArray()).map((e) => e.table)).toEqual(['incidents', 'incidents']);
    await expect(repo.create({ ...base, title: ' ' }, DEFAULT_MATRIX, 'UTC')).rejects.toThrow(/title/);
  });

  it('runs the life cycle with an insert-only work log, refusing illegal moves', async () => {
    const { db, ctx } = testDb();
    const repo = new IncidentRepository(db, ctx);
    const { id } = await repo.create(base, DEFAULT_MATRIX, 'Asia/Shanghai');
    await expect(repo.transition(id, 'resolved', { resolution: 'x' })).rejects.toMatchObject({ reason: 'notAllowed' });
    ctx.set(Date.UTC(2026, 11, 1, 8, 10));
    await repo.assign(id, '李强');
    ctx.set(Date.UTC(2026, 11, 1, 8, 20));
    await repo.transition(id, 'in-progress');
    await repo.transition(id, 'pending', { note: '等待供应商配件' });
    await repo.transition(id, 'in-progress');
    await repo.addNote(id, '更换搓纸轮');
    await expect(repo.transition(id, 'resolved')).rejects.toMatchObject({ reason: 'needsResolution' });
    await repo.transition(id, 'resolved', { resolution: '更换搓纸轮后正常' });
    await expect(repo.transition(id, 'closed', { satisfaction: { score: 6, comment: '' } })).rejects.toMatchObject({ reason: 'badScore' });
    await repo.transition(id, 'closed', { satisfaction: { score: 5, comment: '很快' } });
    const inc = (await repo.get(id))!;
    expect(inc).toMatchObject({ status: 'closed', assignee: '李强', resolution: '更换搓纸轮后正常', satisfaction: { score: 5, comment: '很快' }, respondedAt: '2026-12-01T08:10:00.000Z' });
    const logs = await repo.logs(id);
    expect(logs.map((l) => `${l.kind}:${l.from ?? ''}>${l.to ?? ''}`)).toEqual([
      'assign:>李强', 'status:new>assigned', 'status:assigned>in-progress', 'status:in-progress>pending', 'status:pending>in-progress', 'note:>', 'status:in-progress>resolved', 'status:resolved>closed', 'rating:>5'
    ]);
    // Log entries go out as inserts, so two tablets' entries never conflict.
    const ops = (await db.outbox.where('table').equals('incidentLogs').toArray()).map((e) => e.op);
    expect(new Set(ops)).toEqual(new Set(['insert']));
    await expect(repo.transition(id, 'in-progress')).rejects.toMatchObject({ reason: 'closed' });
  });

  it('logs a priority change, and the SLA reads it from the log', async () => {
    const { db, ctx } = testDb();
    const repo = new IncidentRepository(db, ctx);
    const configs = new ServiceConfigRepository(db, ctx);
    const { id } = await repo.create({ ...base, impact: 3, urgency: 3 }, DEFAULT_MATRIX, 'Asia/Shanghai');
    await repo.setImpactUrgency(id, 1, 1, await configs.matrix('t1'));
    const inc = (await repo.get(id))!;
    expect(inc.priority).toBe('P1');
    const logs = await repo.logs(id);
    expect(logs.map((l) => [l.kind, l.from, l.to])).toEqual([['priority', 'P4', 'P1']]);
    const s = slaState(inc, logs, await configs.sla('t1'), '2026-12-01T09:00:00.000Z');
    expect(s.priority).toBe('P1');
    expect(s.response.elapsedMs).toBe(3_600_000); // 16:00 → 17:00 Shanghai, a Tuesday
  });

  it('lists by device and refuses a device-less empty note', async () => {
    const { db, ctx } = testDb();
    const repo = new IncidentRepository(db, ctx);
    await repo.create(base, DEFAULT_MATRIX, 'UTC');
    await repo.create({ ...base, device: null }, DEFAULT_MATRIX, 'UTC');
    expect((await repo.byDevice('d1')).length).toBe(1);
    expect((await repo.list('t1')).length).toBe(2);
    const [one] = await repo.list('t1');
    await expect(repo.addNote(one!.id, '  ')).rejects.toThrow(/empty/);
  });
});

describe('service settings', () => {
  it('reads defaults, validates and saves per client company', async () => {
    const { db, ctx } = testDb();
    const repo = new ServiceConfigRepository(db, ctx);
    expect((await repo.calendar('t1')).timeZone).toBe('Asia/Shanghai');
    const cal = await repo.calendar('t1');
    await expect(repo.setCalendar('t1', { ...cal, timeZone: 'Nowhere/City' })).rejects.toBeInstanceOf(ServiceConfigError);
    await repo.setCalendar('t1', { ...cal, holidays: ['2027-01-01', '2027-01-01'] });
    expect((await repo.calendar('t1')).holidays).toEqual(['2027-01-01']);
    expect((await repo.calendar('t2')).holidays.length).toBeGreaterThan(10);
    const targets = await repo.targets('t1');
    await repo.setTargets('t1', { ...targets, P1: { responseMin: 10, resolutionMin: 120 } });
    expect((await repo.sla('t1')).targets.P1).toEqual({ responseMin: 10, resolutionMin: 120 });
    await expect(repo.setTargets('t1', { ...targets, P2: { responseMin: -1, resolutionMin: 1 } })).rejects.toThrow(/targets/);
    const e = await db.outbox.toArray();
    expect(e.map((x) => x.recordId)).toEqual(['calendar:t1', 'sla:t1']);
  });
});
