/**
 * The team's service-desk settings for a client company (serviceConfigs, a TEAM table: every
 * tablet of the company reads them; the server lets only whole-company tokens, i.e.
 * administrators, write them). Record ids `<name>:<tenantId>`, like teamSettings.
 * Missing or malformed values read as the defaults, so an incident never lacks a clock.
 */
import { calendarProblems, type BusinessCalendar } from '$lib/domain/service/calendar';
import { defaultCalendar } from '$lib/domain/service/defaults';
import { DEFAULT_MATRIX, validMatrix, type PriorityMatrix } from '$lib/domain/service/priority';
import { DEFAULT_TARGETS, type SlaConfig, type SlaTargets } from '$lib/domain/service/sla';
import { PRIORITIES } from '$lib/domain/service/types';
import type { AssetWalkDB } from './schema';
import { syncTables, writeInTx, type WriteContext } from './writer';

export type ServiceConfigName = 'priorityMatrix' | 'sla' | 'calendar';

export function serviceConfigId(name: ServiceConfigName, tenantId: string): string {
  return `${name}:${tenantId}`;
}

export function validTargets(v: unknown): v is SlaTargets {
  if (!v || typeof v !== 'object') return false;
  return PRIORITIES.every((p) => {
    const t = (v as Record<string, { responseMin?: unknown; resolutionMin?: unknown }>)[p];
    return t !== undefined && [t.responseMin, t.resolutionMin].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0);
  });
}

function validCalendar(v: unknown): v is BusinessCalendar {
  const c = v as BusinessCalendar | undefined;
  return !!c && typeof c.timeZone === 'string' && Array.isArray(c.week) && c.week.length === 7 && Array.isArray(c.holidays) && Array.isArray(c.workdays) && calendarProblems(c).length === 0;
}

export class ServiceConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ServiceConfigError';
  }
}

export class ServiceConfigRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext) {}

  async #value(tenantId: string, name: ServiceConfigName): Promise<unknown> {
    const row = await this.db.serviceConfigs.get(serviceConfigId(name, tenantId));
    return row && !row.deleted ? row.value : undefined;
  }

  async matrix(tenantId: string): Promise<PriorityMatrix> {
    const v = await this.#value(tenantId, 'priorityMatrix');
    return validMatrix(v) ? v : DEFAULT_MATRIX;
  }

  async targets(tenantId: string): Promise<SlaTargets> {
    const v = await this.#value(tenantId, 'sla');
    return validTargets(v) ? v : DEFAULT_TARGETS;
  }

  async calendar(tenantId: string): Promise<BusinessCalendar> {
    const v = await this.#value(tenantId, 'calendar');
    return validCalendar(v) ? v : defaultCalendar();
  }

  async sla(tenantId: string): Promise<SlaConfig> {
    const [calendar, targets] = await Promise.all([this.calendar(tenantId), this.targets(tenantId)]);
    return { calendar, targets };
  }

  async #put(tenantId: string, name: ServiceConfigName, value: unknown): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.serviceConfigs, ...syncTables(db)], async () => {
      await writeInTx(db, db.serviceConfigs, serviceConfigId(name, tenantId), { tenantId, name, value }, this.ctx);
    });
  }

  async setMatrix(tenantId: string, m: PriorityMatrix): Promise<void> {
    if (!validMatrix(m)) throw new ServiceConfigError(['The matrix must be 3 × 3 of P1–P4']);
    await this.#put(tenantId, 'priorityMatrix', m);
  }

  async setTargets(tenantId: string, t: SlaTargets): Promise<void> {
    if (!validTargets(t)) throw new ServiceConfigError(['Every priority needs response and resolution targets of 0 or more minutes']);
    await this.#put(tenantId, 'sla', t);
  }

  async setCalendar(tenantId: string, c: BusinessCalendar): Promise<void> {
    const problems = calendarProblems(c);
    if (problems.length) throw new ServiceConfigError(problems);
    const clean: BusinessCalendar = {
      timeZone: c.timeZone,
      week: c.week.map((d) => (d ? { ...d } : null)),
      holidays: [...new Set(c.holidays)].sort(),
      workdays: [...new Set(c.workdays)].sort()
    };
    await this.#put(tenantId, 'calendar', clean);
  }
}
