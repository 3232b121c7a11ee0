// The service desk's repositories over the app database (browser only), and small helpers the
// screens share.
import { db, writeContext } from '$lib/db';
import { ArticleRepository, type StoredArticle } from '$lib/db/serviceArticles';
import { ServiceConfigRepository } from '$lib/db/serviceConfigs';
import { IncidentRepository } from '$lib/db/serviceIncidents';
import type { Device } from '$lib/domain/device';
import type { DeviceFacts } from '$lib/domain/service/faqMatch';
import { KbIndex } from '$lib/domain/service/kbSearch';

export const incidents = new IncidentRepository(db, writeContext);
export const articles = new ArticleRepository(db, writeContext);
export const serviceConfigs = new ServiceConfigRepository(db, writeContext);

export function buildIndex(list: readonly StoredArticle[]): KbIndex {
  return new KbIndex(list.map((a) => ({ id: a.id, title: a.title, body: a.body, tags: a.tags })));
}

/** What the FAQ matcher needs of a device: its model, type, installed software and OS. */
export function deviceFacts(d: Pick<Device, 'id' | 'model' | 'type' | 'software'>, panelId: string | null = null): DeviceFacts {
  const software = [...d.software.installed.map((s) => s.name), d.software.os].filter((s) => s.trim() !== '');
  return { id: d.id, model: d.model, type: d.type, software, panelId };
}
