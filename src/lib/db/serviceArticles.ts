/**
 * Knowledge-base articles (a SHARED table: articles belong to the client company, not to a
 * site) and their versions (insert-only: one per save, so "who changed what" is the list of
 * versions and a restore is a new save of an old version's content — nothing is ever lost).
 */
import { ARTICLE_KINDS, type Article, type ArticleFields, type ArticleLink, type ArticleVersion } from '$lib/domain/service/types';
import type { AssetWalkDB, SyncedRecord } from './schema';
import { newId, syncTables, writeInTx, type WriteContext } from './writer';

export type StoredArticle = Article & Pick<SyncedRecord, 'clocks' | 'createdAt' | 'updatedAt'> & { deleted?: string };
export type StoredVersion = ArticleVersion & Pick<SyncedRecord, 'clocks'>;

export type ArticleDraft = Omit<ArticleFields, 'tenantId' | 'updatedBy'>;

export interface LinkTargets {
  models: string[];
  software: string[];
  /** device id → "asset number · name" */
  devices: Map<string, string>;
  /** panel id → "system · room" */
  panels: Map<string, string>;
}

export class ArticleError extends Error {
  constructor(readonly code: 'title' | 'kind' | 'notFound', message: string) {
    super(message);
    this.name = 'ArticleError';
  }
}

function cleanLinks(links: readonly ArticleLink[]): ArticleLink[] {
  const seen = new Set<string>();
  const out: ArticleLink[] = [];
  for (const l of links) {
    const key = l.key.trim();
    const k = `${l.type}\u0000${key}`;
    if (key && !seen.has(k)) {
      seen.add(k);
      out.push({ type: l.type, key });
    }
  }
  return out;
}

export class ArticleRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext) {}

  async get(id: string): Promise<StoredArticle | undefined> {
    const r = (await this.db.articles.get(id)) as unknown as StoredArticle | undefined;
    return r && !r.deleted ? r : undefined;
  }

  async list(tenantId: string): Promise<StoredArticle[]> {
    const rows = (await this.db.articles.where('tenantId').equals(tenantId).toArray()) as unknown as StoredArticle[];
    return rows.filter((r) => !r.deleted).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async versions(articleId: string): Promise<StoredVersion[]> {
    const rows = (await this.db.articleVersions.where('articleId').equals(articleId).toArray()) as unknown as StoredVersion[];
    return rows.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  }

  /**
   * Creates (id null) or updates an article and records the version, in one transaction.
   * `createAs` names a new article's id in advance, so images can be attached while it is written.
   */
  async save(tenantId: string, id: string | null, draft: ArticleDraft, createAs?: string): Promise<string> {
    const title = draft.title.trim();
    if (!title) throw new ArticleError('title', 'An article needs a title.');
    if (!ARTICLE_KINDS.includes(draft.kind)) throw new ArticleError('kind', `Unknown kind ${String(draft.kind)}.`);
    const { db } = this;
    const articleId = id ?? createAs ?? newId();
    const links = cleanLinks(draft.links);
    const tags = [...new Set(draft.tags.map((t) => t.trim()).filter(Boolean))];
    await db.transaction('rw', [db.articles, db.articleVersions, ...syncTables(db)], async () => {
      if (id && !(await this.get(id))) throw new ArticleError('notFound', `No article ${id}.`);
      if (!id && (await db.articles.get(articleId))) throw new ArticleError('notFound', `Article ${articleId} exists already.`);
      const fields: Record<string, unknown> = { tenantId, kind: draft.kind, title, body: draft.body, links, tags, updatedBy: this.ctx.actor };
      if (draft.sourceIncidentId) fields.sourceIncidentId = draft.sourceIncidentId;
      const { changed } = await writeInTx(db, db.articles, articleId, fields, this.ctx);
      // A save that changed nothing of substance adds no version.
      if (!id || changed.some((k) => k === 'title' || k === 'body' || k === 'links')) {
        const v = { articleId, tenantId, at: new Date(this.ctx.now()).toISOString(), by: this.ctx.actor, title, body: draft.body, links };
        await writeInTx(db, db.articleVersions, newId(), v, this.ctx, 'insert');
      }
    });
    return articleId;
  }

  /** Puts an older version's content back, as a new version. */
  async restore(articleId: string, versionId: string): Promise<void> {
    const [a, v] = await Promise.all([this.get(articleId), this.db.articleVersions.get(versionId) as Promise<StoredVersion | undefined>]);
    if (!a || !v || v.articleId !== articleId) throw new ArticleError('notFound', 'No such version of this article.');
    await this.save(a.tenantId, articleId, { kind: a.kind, title: v.title, body: v.body, links: v.links, tags: a.tags, ...(a.sourceIncidentId ? { sourceIncidentId: a.sourceIncidentId } : {}) });
  }

  /** What an article of this client can be linked to (the editor's choices and link labels). */
  async linkTargets(tenantId: string): Promise<LinkTargets> {
    const [devs, panels] = await Promise.all([
      this.db.devices.where('tenantId').equals(tenantId).toArray(),
      this.db.panels.where('tenantId').equals(tenantId).toArray()
    ]);
    const live = devs.filter((d) => !d.deleted);
    const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    return {
      models: uniq(live.map((d) => d.model)),
      software: uniq(live.flatMap((d) => [...d.software.installed.map((i) => i.name), d.software.os])),
      devices: new Map(live.map((d) => [d.id, `${d.assetNumber} · ${d.name || d.model}`])),
      panels: new Map(panels.filter((p) => !p.deleted).map((p) => [p.id, `${String(p.systemId ?? '')} · ${String(p.room ?? '')}`]))
    };
  }

  async remove(id: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.articles, ...syncTables(db)], async () => {
      await writeInTx(db, db.articles, id, {}, this.ctx, 'delete');
    });
  }
}
