/**
 * The server's edge of the sync protocol: zod schemas over the wire format, which lives in
 * src/lib/sync/wire.ts so that the tablet, the server and the tests share one definition.
 *
 * HLC strings are `TTTTTTTTTTTTTTT-CCCC-NODE` (15-digit wall ms, 4 upper-case hex counter, node
 * id), fixed width, so plain string comparison is clock order with ties broken by node id. This
 * matches src/lib/sync/hlc.ts; mixed-case hex would break that ordering, so it is refused.
 */
import { z } from 'zod';
import { HLC_RE, MAX_DRIFT_MS } from '../../src/lib/sync/wire.ts';

export * from '../../src/lib/sync/wire.ts';

export const hlcSchema = z.string().regex(HLC_RE, 'not an HLC timestamp');

// No leading underscore: keeps `__proto__` and any server-reserved names out of record data.
const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'bad field name');

export const mutationSchema = z
  .object({
    mutationId: z.uuid(),
    clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    clientSeq: z.number().int().nonnegative(),
    // The tablet's table names are camelCase Dexie tables (src/lib/db/schema.ts).
    table: z.string().regex(/^[a-z][A-Za-z0-9_]{0,39}$/),
    recordId: z.string().min(1).max(128),
    /** `restore` undeletes a tombstoned record when its clock is newer than the tombstone. */
    op: z.enum(['upsert', 'delete', 'insert', 'restore']),
    fields: z.record(fieldName, z.unknown()).default({}),
    /** One clock for every field, or one per field (every key of `fields` must have one). */
    hlc: z.union([hlcSchema, z.record(fieldName, hlcSchema)]),
    /** Optional: the field clocks the client saw when it edited; marks an overwrite as sequential. */
    base: z.record(fieldName, hlcSchema).optional()
  })
  .superRefine((m, ctx) => {
    if (typeof m.hlc === 'string') return;
    const clocks = m.hlc;
    for (const f of Object.keys(m.fields)) {
      if (!(f in clocks)) ctx.addIssue({ code: 'custom', path: ['hlc', f], message: 'field has no clock' });
    }
    if ((m.op === 'delete' || m.op === 'restore') && Object.keys(clocks).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['hlc'], message: `${m.op} needs a clock` });
    }
  });

export type Mutation = z.infer<typeof mutationSchema>;
export type MutationInput = z.input<typeof mutationSchema>;

export const pushRequestSchema = z.object({
  mutations: z.array(mutationSchema).max(1000)
});

export const pullQuerySchema = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500)
});

/** Moves a timestamp more than MAX_DRIFT_MS ahead of `now` back to `now + MAX_DRIFT_MS`. */
export function clampHlc(hlc: string, now: number): string {
  const m = HLC_RE.exec(hlc);
  if (!m) return hlc;
  const limit = now + MAX_DRIFT_MS;
  if (Number(m[1]) <= limit) return hlc;
  return `${String(limit).padStart(15, '0')}-${m[2]}-${m[3]}`;
}

export function hlcNode(hlc: string): string {
  return HLC_RE.exec(hlc)?.[3] ?? '';
}
