/**
 * Settings the whole team shares for a client company, synced like any record (table
 * `teamSettings`, written through writer.ts so each change is stamped and queued).
 *
 * Record id: `<setting name>:<tenant id>`. The server keys records by table and id across all
 * client companies and refuses a whole push that touches another company's record, so a bare
 * "labelOrigin" id, once written for one client, would block every other client's sync.
 */
import { parseLabelOrigin, type OriginParse } from '$lib/domain/labels/origin';
import type { AssetWalkDB } from './schema';
import { syncTables, writeInTx, type WriteContext } from './writer';

export type TeamSettingName = 'labelOrigin';

export function teamSettingId(name: TeamSettingName, tenantId: string): string {
  return `${name}:${tenantId}`;
}

export class TeamSettingsRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext) {}

  async get(tenantId: string, name: TeamSettingName): Promise<string | null> {
    const row = await this.db.teamSettings.get(teamSettingId(name, tenantId));
    return row && !row.deleted && typeof row.value === 'string' && row.value !== '' ? row.value : null;
  }

  private async put(tenantId: string, name: TeamSettingName, value: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.teamSettings, ...syncTables(db)], async () => {
      await writeInTx(db, db.teamSettings, teamSettingId(name, tenantId), { tenantId, name, value }, this.ctx);
    });
  }

  /** The public address label codes carry, or null when the team has set none (or an invalid one). */
  async labelOrigin(tenantId: string): Promise<string | null> {
    const v = await this.get(tenantId, 'labelOrigin');
    const r = v === null ? null : parseLabelOrigin(v);
    return r?.ok ? r.origin : null;
  }

  /** Validates and saves the address; nothing is written when it is not a bare http(s) origin. */
  async setLabelOrigin(tenantId: string, input: string): Promise<OriginParse> {
    const r = parseLabelOrigin(input);
    if (r.ok) await this.put(tenantId, 'labelOrigin', r.origin);
    return r;
  }

  /** Back to the page's own address. */
  async clearLabelOrigin(tenantId: string): Promise<void> {
    await this.put(tenantId, 'labelOrigin', '');
  }
}
