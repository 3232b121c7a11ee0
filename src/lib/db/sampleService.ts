// Writes the sample client's service desk (domain/sample/service.ts) through the writer, after its devices.
import type { SampleClient } from '$lib/domain/sample';
import { sampleService } from '$lib/domain/sample/service';
import { formatIncidentNumber, incidentMonth } from '$lib/domain/service/incidentNumber';
import { priorityOf } from '$lib/domain/service/priority';
import type { ArticleLink } from '$lib/domain/service/types';
import type { AssetWalkDB } from './schema';
import { newId, syncTables, writeInTx, type WriteContext } from './writer';

export async function writeSampleService(db: AssetWalkDB, ctx: WriteContext, tenantId: string, siteIds: ReadonlyMap<string, string>, c: SampleClient): Promise<void> {
  const s = sampleService(c, ctx.now());
  const rows = await db.devices.where('tenantId').equals(tenantId).toArray();
  const byAsset = new Map(rows.map((d) => [d.assetNumber, d]));
  const seq = new Map<string, number>();
  await db.transaction('rw', [db.articles, db.articleVersions, db.incidents, db.incidentLogs, ...syncTables(db)], async () => {
    for (const a of s.articles) {
      const links: ArticleLink[] = a.links.flatMap((l) => ('asset' in l ? (byAsset.get(l.asset) ? [{ type: 'special' as const, key: byAsset.get(l.asset)!.id }] : []) : [l]));
      const id = newId();
      await writeInTx(db, db.articles, id, { tenantId, kind: a.kind, title: a.title, body: a.body, links, tags: a.tags, updatedBy: '李强' }, ctx);
      await writeInTx(db, db.articleVersions, newId(), { articleId: id, tenantId, at: new Date(ctx.now()).toISOString(), by: '李强', title: a.title, body: a.body, links }, ctx, 'insert');
    }
    for (const i of s.incidents) {
      const d = i.asset ? byAsset.get(i.asset) : undefined;
      const month = incidentMonth(i.openedAt, 'Asia/Shanghai');
      const n = (seq.get(month) ?? 0) + 1;
      seq.set(month, n);
      const at = (min: number) => new Date(Date.parse(i.openedAt) + min * 60_000).toISOString();
      const last = i.steps.at(-1)?.[0] ?? 'new';
      const resolved = i.steps.find(([st]) => st === 'resolved');
      const closed = i.steps.find(([st]) => st === 'closed');
      const id = newId();
      await writeInTx(db, db.incidents, id, {
        tenantId, siteId: d?.siteId ?? siteIds.get(i.siteKey)!, deviceId: d?.id ?? null, model: d?.model ?? '', deviceType: d?.type ?? '',
        number: formatIncidentNumber(month, n), title: i.title, description: i.description, reporter: i.reporter, category: i.category,
        impact: i.impact, urgency: i.urgency, priority: priorityOf(i.impact, i.urgency), status: last, assignee: i.assignee,
        openedAt: i.openedAt, respondedAt: at(i.steps[0]![1]), resolution: i.resolution,
        ...(resolved ? { resolvedAt: at(resolved[1]) } : {}), ...(closed ? { closedAt: at(closed[1]) } : {}),
        ...(closed && i.satisfaction ? { satisfaction: i.satisfaction } : {})
      }, ctx);
      let from = 'new';
      for (const [to, min] of i.steps) {
        if (to === 'assigned') await writeInTx(db, db.incidentLogs, newId(), { incidentId: id, tenantId, at: at(min), by: i.assignee, kind: 'assign', from: '', to: i.assignee }, ctx, 'insert');
        await writeInTx(db, db.incidentLogs, newId(), { incidentId: id, tenantId, at: at(min), by: i.assignee, kind: 'status', from, to }, ctx, 'insert');
        from = to;
      }
      if (closed && i.satisfaction) {
        await writeInTx(db, db.incidentLogs, newId(), { incidentId: id, tenantId, at: at(closed[1]), by: i.assignee, kind: 'rating', to: String(i.satisfaction.score), text: i.satisfaction.comment }, ctx, 'insert');
      }
    }
  });
}

/** The app's one call (src/lib/db/sample.ts), with the app's database and write context. */
export async function loadSampleService(tenantId: string, siteIds: ReadonlyMap<string, string>, c: SampleClient): Promise<void> {
  const { db, writeContext } = await import('./index');
  await writeSampleService(db, writeContext, tenantId, siteIds, c);
}
