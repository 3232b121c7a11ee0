/**
 * Which synced tables exist and how the server scopes them: one registry read by the tablet
 * (src/lib/db/schema.ts), the server (sync-server/src/store/apply.ts, sql-store.ts) and tests.
 *
 * Scope rules (sync-protocol rule 7, issue 9 bug 8):
 * - TEAM: settings of a whole client company; read by every token of the tenant, written only
 *   by tokens for all of its sites (an administrator's or a whole-company technician's).
 * - SHARED: rows that may belong to no site (knowledge-base articles, drivers, licences, images,
 *   their attachments); a row without a site is read and written by every token of the tenant,
 *   a row with a site follows the site rule.
 * - any other table: a row is seen and written only by tokens holding its site; a row without
 *   one takes the site of its first parent (PARENTS), else it is outside every site.
 * - INSERT_ONLY: rows written once, never edited; a second insert of other content is a conflict.
 */
export const TEAM_TABLES: ReadonlySet<string> = new Set(['tenants', 'profiles', 'teamSettings', 'serviceConfigs']);

export const SHARED_TABLES: ReadonlySet<string> = new Set(['articles', 'articleVersions', 'attachments', 'drivers', 'licences', 'osImages']);

/** Rows without a siteId take the site of the first parent they name (field → parent table). */
export const PARENTS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  labels: [['deviceId', 'devices']],
  labelEvents: [['deviceId', 'devices'], ['labelId', 'labels']],
  checks: [['panelId', 'panels']],
  incidentLogs: [['incidentId', 'incidents']],
  approvals: [['requestId', 'equipmentRequests'], ['changeId', 'changes']],
  netConfigs: [['deviceId', 'devices']]
};

/** Insert-only tables (the tablet's Dexie names), plus names older clients may still send. */
export const INSERT_ONLY_TABLES: ReadonlySet<string> = new Set([
  'checks',
  'labelEvents',
  'roomAudits',
  'articleVersions',
  'incidentLogs',
  'approvals',
  'netConfigs',
  'roomAuditScans',
  'audits',
  'incidentComments',
  'readings'
]);
