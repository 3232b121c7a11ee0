// Administrator-made insulation-monitor profiles (generic Modbus register maps), team-wide.
import { parseGenericProfile, type DeviceProfile, type GenericProfileConfig, type ProfileIssue } from '$lib/serial/profiles';
import { BUILTIN_PROFILES } from '$lib/serial/profiles';
import type { AssetWalkDB } from './schema';
import { syncTables, writeInTx, type WriteContext } from './writer';

export interface StoredProfile {
  id: string;
  config: GenericProfileConfig;
}

export type ProfileSave = { ok: true; profile: StoredProfile } | { ok: false; issues: ProfileIssue[] };

export class ProfileRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext) {}

  async list(): Promise<StoredProfile[]> {
    const rows = await this.db.profiles.toArray();
    return rows.filter((r) => !r.deleted).map((r) => ({ id: r.id, config: r.config as GenericProfileConfig }));
  }

  /** The custom profiles as device profiles, for the panel form and the serial reader. */
  async deviceProfiles(): Promise<DeviceProfile[]> {
    const out: DeviceProfile[] = [];
    for (const p of await this.list()) {
      const r = parseGenericProfile(p.config);
      if (r.ok) out.push(r.profile); // one that a newer app version wrote and this one cannot read is skipped
    }
    return out;
  }

  /** Validates the administrator's JSON and saves it; issues come back by path for the editor. */
  async save(json: string): Promise<ProfileSave> {
    let input: unknown;
    try {
      input = JSON.parse(json);
    } catch {
      return { ok: false, issues: [{ path: '', code: 'notJson' }] };
    }
    const r = parseGenericProfile(input);
    if (!r.ok) return r;
    if (BUILTIN_PROFILES.some((b) => b.id === r.config.id)) return { ok: false, issues: [{ path: 'id', code: 'builtinId' }] };
    const { db } = this;
    await db.transaction('rw', [db.profiles, ...syncTables(db)], async () => {
      // An async callback: Dexie loses the transaction when a sync callback returns a native promise.
      await writeInTx(db, db.profiles, r.config.id, { config: r.config }, this.ctx);
    });
    return { ok: true, profile: { id: r.config.id, config: r.config } };
  }

  async remove(id: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.profiles, ...syncTables(db)], async () => {
      await writeInTx(db, db.profiles, id, {}, this.ctx, 'delete');
    });
  }
}
