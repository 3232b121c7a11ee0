/**
 * Incidents and their work log. The incident is an upserted record (per-field merge); every
 * transition, priority change, assignment, note and rating is also an insert-only log entry
 * (incidentLogs), written in the same transaction, so the history never conflicts in sync and
 * the SLA clocks (domain/service/sla.ts) can be recomputed from it on any tablet.
 */
import { formatIncidentNumber, incidentMonth, nextSeq } from '$lib/domain/service/incidentNumber';
import { priorityOf, type PriorityMatrix } from '$lib/domain/service/priority';
import { checkTransition, type TransitionRefusal } from '$lib/domain/service/workflow';
import type { Incident, IncidentFields, IncidentLog, IncidentStatus, Level, LogKind } from '$lib/domain/service/types';
import type { AssetWalkDB, SyncedRecord } from './schema';
import { newId, syncTables, writeInTx, type WriteContext } from './writer';

export type StoredIncident = Incident & Pick<SyncedRecord, 'clocks' | 'createdAt' | 'updatedAt'> & { deleted?: string };
export type StoredLog = IncidentLog & Pick<SyncedRecord, 'clocks'>;

export interface NewIncident {
  tenantId: string;
  siteId: string;
  device: { id: string; model: string; type: string } | null;
  title: string;
  description: string;
  reporter: string;
  category: string;
  impact: Level;
  urgency: Level;
  assignee?: string;
}

export class IncidentError extends Error {
  constructor(readonly reason: TransitionRefusal | 'notFound' | 'invalid' | 'badScore', message: string) {
    super(message);
    this.name = 'IncidentError';
  }
}

const COUNTER_KEY = 'incidentCounter';

/** Entries of one instant keep the order they were written in: their clocks (HLC) increase. */
function byTime(a: StoredLog, b: StoredLog): number {
  return a.at.localeCompare(b.at) || (a.clocks?.at ?? '').localeCompare(b.clocks?.at ?? '') || a.id.localeCompare(b.id);
}

export class IncidentRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext) {}

  #tables() {
    return [this.db.incidents, this.db.incidentLogs, ...syncTables(this.db)];
  }

  async get(id: string): Promise<StoredIncident | undefined> {
    const r = (await this.db.incidents.get(id)) as unknown as StoredIncident | undefined;
    return r && !r.deleted ? r : undefined;
  }

  async list(tenantId: string): Promise<StoredIncident[]> {
    const rows = (await this.db.incidents.where('tenantId').equals(tenantId).toArray()) as unknown as StoredIncident[];
    return rows.filter((r) => !r.deleted).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  }

  async byDevice(deviceId: string): Promise<StoredIncident[]> {
    const rows = (await this.db.incidents.where('deviceId').equals(deviceId).toArray()) as unknown as StoredIncident[];
    return rows.filter((r) => !r.deleted).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  }

  async logs(incidentId: string): Promise<StoredLog[]> {
    const rows = (await this.db.incidentLogs.where('incidentId').equals(incidentId).toArray()) as unknown as StoredLog[];
    return rows.sort(byTime);
  }

  /** Logs of many incidents at once (the list's SLA timers), grouped by incident. */
  async logsOf(ids: readonly string[]): Promise<Map<string, StoredLog[]>> {
    const rows = (await this.db.incidentLogs.where('incidentId').anyOf([...ids]).toArray()) as unknown as StoredLog[];
    const out = new Map<string, StoredLog[]>();
    for (const r of rows.sort(byTime)) {
      const list = out.get(r.incidentId);
      if (list) list.push(r);
      else out.set(r.incidentId, [r]);
    }
    return out;
  }

  async create(input: NewIncident, matrix: PriorityMatrix, timeZone: string): Promise<StoredIncident> {
    if (!input.title.trim()) throw new IncidentError('invalid', 'A title is required.');
    const { db } = this;
    const openedAt = new Date(this.ctx.now()).toISOString();
    const month = incidentMonth(openedAt, timeZone);
    const id = newId();
    const assignee = (input.assignee ?? '').trim();
    await db.transaction('rw', this.#tables(), async () => {
      // The running number lives in meta and moves in this transaction: two tabs serialise on it.
      const counter = (await db.meta.get(COUNTER_KEY))?.value as { month: string; seq: number } | undefined;
      const known = (await db.incidents.where('openedAt').aboveOrEqual(new Date(Date.parse(openedAt) - 40 * 86_400_000).toISOString()).toArray()).map((r) => String(r.number));
      const seq = nextSeq(month, counter, known);
      await db.meta.put({ key: COUNTER_KEY, value: { month, seq } });
      const fields: IncidentFields = {
        tenantId: input.tenantId, siteId: input.siteId, deviceId: input.device?.id ?? null,
        model: input.device?.model ?? '', deviceType: input.device?.type ?? '',
        number: formatIncidentNumber(month, seq), title: input.title.trim(), description: input.description.trim(),
        reporter: input.reporter.trim(), category: input.category, impact: input.impact, urgency: input.urgency,
        priority: priorityOf(input.impact, input.urgency, matrix), status: assignee ? 'assigned' : 'new',
        assignee, openedAt, resolution: ''
      };
      if (assignee) fields.respondedAt = openedAt;
      await writeInTx(db, db.incidents, id, { ...fields }, this.ctx);
      if (assignee) await this.#log(id, input.tenantId, 'status', { from: 'new', to: 'assigned' }, openedAt);
    });
    return (await this.get(id))!;
  }

  async #log(incidentId: string, tenantId: string, kind: LogKind, more: { from?: string; to?: string; text?: string }, at?: string): Promise<void> {
    const entry = { incidentId, tenantId, at: at ?? new Date(this.ctx.now()).toISOString(), by: this.ctx.actor, kind, ...more };
    await writeInTx(this.db, this.db.incidentLogs, newId(), entry, this.ctx, 'insert');
  }

  async #edit(id: string, fn: (i: StoredIncident, at: string) => Promise<Record<string, unknown> | null>): Promise<void> {
    const { db } = this;
    await db.transaction('rw', this.#tables(), async () => {
      const inc = await this.get(id);
      if (!inc) throw new IncidentError('notFound', `No incident ${id}.`);
      const at = new Date(this.ctx.now()).toISOString();
      const fields = await fn(inc, at);
      if (fields) await writeInTx(db, db.incidents, id, fields, this.ctx);
    });
  }

  /** Moves the incident on; an illegal move throws IncidentError with the workflow's reason. */
  async transition(id: string, to: IncidentStatus, opts: { resolution?: string; assignee?: string; note?: string; satisfaction?: { score: number; comment: string } } = {}): Promise<void> {
    await this.#edit(id, async (inc, at) => {
      const assignee = (opts.assignee ?? inc.assignee).trim() || (to === 'in-progress' ? this.ctx.actor : '');
      const resolution = (opts.resolution ?? inc.resolution).trim();
      const check = checkTransition({ from: inc.status, to, assignee, resolution });
      if (!check.ok) throw new IncidentError(check.reason, check.message);
      const s = opts.satisfaction;
      if (s && !(Number.isInteger(s.score) && s.score >= 1 && s.score <= 5)) throw new IncidentError('badScore', 'The rating is 1 to 5.');
      const fields: Record<string, unknown> = { status: to };
      if (assignee !== inc.assignee) {
        fields.assignee = assignee;
        await this.#log(id, inc.tenantId, 'assign', { from: inc.assignee, to: assignee }, at);
      }
      if (inc.status === 'new' && !inc.respondedAt) fields.respondedAt = at;
      if (to === 'resolved') Object.assign(fields, { resolution, resolvedAt: at });
      if (to === 'closed') fields.closedAt = at;
      await this.#log(id, inc.tenantId, 'status', { from: inc.status, to, ...(opts.note?.trim() ? { text: opts.note.trim() } : {}) }, at);
      if (to === 'closed' && s) {
        fields.satisfaction = { score: s.score, comment: s.comment.trim() };
        await this.#log(id, inc.tenantId, 'rating', { to: String(s.score), text: s.comment.trim() }, at);
      }
      return fields;
    });
  }

  async assign(id: string, assignee: string): Promise<void> {
    await this.#edit(id, async (inc, at) => {
      const who = assignee.trim();
      if (!who) throw new IncidentError('needsAssignee', 'Assign the incident to someone.');
      if (who === inc.assignee) return null;
      if (inc.status === 'closed') throw new IncidentError('closed', 'A closed incident is final.');
      await this.#log(id, inc.tenantId, 'assign', { from: inc.assignee, to: who }, at);
      const fields: Record<string, unknown> = { assignee: who };
      if (inc.status === 'new') {
        Object.assign(fields, { status: 'assigned', respondedAt: inc.respondedAt ?? at });
        await this.#log(id, inc.tenantId, 'status', { from: 'new', to: 'assigned' }, at);
      }
      return fields;
    });
  }

  async setImpactUrgency(id: string, impact: Level, urgency: Level, matrix: PriorityMatrix): Promise<void> {
    await this.#edit(id, async (inc, at) => {
      if (inc.status === 'closed') throw new IncidentError('closed', 'A closed incident is final.');
      const priority = priorityOf(impact, urgency, matrix);
      if (priority !== inc.priority) await this.#log(id, inc.tenantId, 'priority', { from: inc.priority, to: priority }, at);
      return { impact, urgency, priority };
    });
  }

  async addNote(id: string, text: string): Promise<void> {
    if (!text.trim()) throw new IncidentError('invalid', 'The note is empty.');
    await this.#edit(id, async (inc, at) => {
      await this.#log(id, inc.tenantId, 'note', { text: text.trim() }, at);
      return null;
    });
  }
}
