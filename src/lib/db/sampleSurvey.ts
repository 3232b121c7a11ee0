// Writes the sample client's drivers, licences and images (domain/sample/survey.ts) through the repository.
import type { SampleClient } from '$lib/domain/sample';
import { sampleSurvey } from '$lib/domain/sample/survey';
import type { AssetWalkDB } from './schema';
import { SurveyRepository } from './survey';
import type { WriteContext } from './writer';

export async function writeSampleSurvey(db: AssetWalkDB, ctx: WriteContext, tenantId: string, c: SampleClient): Promise<void> {
  const s = sampleSurvey(c, new Date(ctx.now()).toISOString().slice(0, 10));
  const repo = new SurveyRepository(db, ctx);
  const ids = new Map((await db.devices.where('tenantId').equals(tenantId).toArray()).map((d) => [d.assetNumber, d.id]));
  for (const d of s.drivers) await repo.saveDriver(tenantId, d);
  for (const l of s.licences) await repo.saveLicence(tenantId, l);
  for (const { deviceAssets, ...im } of s.images) {
    await repo.saveImage(tenantId, { ...im, deviceIds: deviceAssets.map((a) => ids.get(a)).filter((x): x is string => !!x) });
  }
}

/** The app's one call (src/lib/db/sample.ts), with the app's database and write context. */
export async function loadSampleSurvey(tenantId: string, c: SampleClient): Promise<void> {
  const { db, writeContext } = await import('./index');
  await writeSampleSurvey(db, writeContext, tenantId, c);
}
