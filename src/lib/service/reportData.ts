// Gathers what the monthly report needs from the repositories, then computes it (domain/service/report.ts).
import type { ChangeRepository } from '$lib/db/changes';
import type { DeviceRepository } from '$lib/db/devices';
import type { ServiceConfigRepository } from '$lib/db/serviceConfigs';
import type { IncidentRepository } from '$lib/db/serviceIncidents';
import { monthlyReport, monthRange, type MonthlyReport } from '$lib/domain/service/report';

export interface ReportDeps {
  incidents: Pick<IncidentRepository, 'list' | 'logsOf'>;
  configs: Pick<ServiceConfigRepository, 'sla'>;
  changes: Pick<ChangeRepository, 'list'>;
  devices: Pick<DeviceRepository, 'get'>;
}

export async function loadMonthlyReport(deps: ReportDeps, tenantId: string, month: string, nowISO: string): Promise<MonthlyReport> {
  const [config, all, changes] = await Promise.all([deps.configs.sla(tenantId), deps.incidents.list(tenantId), deps.changes.list(tenantId)]);
  const { from, to } = monthRange(month, config.calendar.timeZone);
  // Only the month's incidents need their work log (and those resolved in it, for the count).
  const inMonth = all.filter((i) => { const t = Date.parse(i.openedAt); return t >= from && t < to; });
  const logs = await deps.incidents.logsOf(inMonth.map((i) => i.id));
  const report = monthlyReport({
    month, config, nowISO, devices: new Map(),
    incidents: all,
    logs: [...logs.values()].flat(),
    changes: changes.map((v) => ({
      number: v.change.number, title: v.change.title, risk: v.change.risk, status: v.status, scheduledStart: v.change.scheduledStart,
      createdAt: v.change.createdAt, outcome: v.change.outcome, deviceCount: v.change.deviceIds.length
    }))
  });
  // Names only for the few devices the report lists.
  const topDevices = await Promise.all(report.topDevices.map(async (d) => {
    const dev = await deps.devices.get(d.key);
    return { ...d, label: dev ? `${dev.assetNumber} ${dev.name}`.trim() : d.key };
  }));
  return { ...report, topDevices };
}
