// The repositories of changes, equipment requests and the monthly report (browser only), beside the
// other singletons in $lib/db.
import { db, devices, writeContext } from '$lib/db';
import { ChangeRepository } from '$lib/db/changes';
import { RequestRepository } from '$lib/db/requests';
import { incidents, serviceConfigs } from './app';
import { loadMonthlyReport } from './reportData';
import type { MonthlyReport } from '$lib/domain/service/report';

export const changeRepo = new ChangeRepository(db, writeContext);
export const requestRepo = new RequestRepository(db, writeContext, devices);
const deps = { incidents, configs: serviceConfigs, changes: changeRepo, devices };

export function monthlyReportOf(tenantId: string, month: string, nowISO = new Date(writeContext.now()).toISOString()): Promise<MonthlyReport> {
  return loadMonthlyReport(deps, tenantId, month, nowISO);
}
