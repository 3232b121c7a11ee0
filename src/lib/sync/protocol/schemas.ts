/**
 * The edge of the sync protocol: zod schemas over the wire format (src/lib/sync/wire.ts), one
 * module imported by the server (sync-server/src/protocol.ts re-exports it) and by tests. The
 * tablet's bundle never imports this file (zod stays out of it): the tablet uses wire.ts types.
 *
 * HLC strings are `TTTTTTTTTTTTTTT-CCCC-NODE` (15-digit wall ms, 4 upper-case hex counter, node
 * id), fixed width, so plain string comparison is clock order with ties broken by node id. This
 * matches src/lib/sync/hlc.ts; mixed-case hex would break that ordering, so it is refused.
 *
 * Limits at the edge (issue 9 bugs 4 and 6): a record's fields are at most MAX_FIELDS names,
 * MAX_RECORD_BYTES serialized and MAX_DEPTH levels deep, and no id, string or key holds a NUL or
 * a lone surrogate (PostgreSQL TEXT cannot store a NUL; UTF-8 cannot carry a lone surrogate), and
 * no number overflows to Infinity (it would come back as null).
 * Whatever passes is stored and served byte for byte alike by SQLite and PostgreSQL; whatever
 * does not is a 400 naming the mutation and the field path, so the tablet isolates it.
 * Field names may be Object.prototype names (`constructor`); code reads them with Object.hasOwn.
 */
import { z } from 'zod';
import { HLC_RE } from '../wire';

export * from '../wire';
export { hlcNode } from '../format';

export const hlcSchema = z.string().regex(HLC_RE, 'not an HLC timestamp');

// No leading underscore: keeps `__proto__` and any server-reserved names out of record data.
const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'bad field name');

export const MAX_FIELDS = 200;
export const MAX_DEPTH = 32;
export const MAX_RECORD_BYTES = 256 * 1024;

// A NUL, or a UTF-16 surrogate without its pair.
// eslint-disable-next-line no-control-regex -- the NUL is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (s: string): boolean => !UNSTORABLE.test(s);

type Path = (string | number)[];

const encoder = new TextEncoder();
const utf8Bytes = (s: string): number => encoder.encode(s).length;

/** The path of the first value nested deeper than `max` levels (the fields object is level 1), or null. */
export function tooDeep(value: unknown, max: number): Path | null {
  const stack: { v: unknown; path: Path }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= max) return path;
    for (const [k, child] of Object.entries(v)) stack.push({ v: child, path: [...path, Array.isArray(v) ? Number(k) : k] });
  }
  return null;
}

/** The path of the first string, key or number that cannot be stored alike everywhere, or null. */
function unstorableAt(value: unknown, path: Path = []): Path | null {
  if (typeof value === 'string') return storable(value) ? null : path;
  if (typeof value === 'number') return Number.isFinite(value) ? null : path; // 1e400 parses to Infinity
  if (value === null || typeof value !== 'object') return null;
  for (const [k, child] of Object.entries(value)) {
    if (!storable(k)) return [...path, k];
    const hit = unstorableAt(child, [...path, Array.isArray(value) ? Number(k) : k]);
    if (hit) return hit;
  }
  return null;
}

export const mutationSchema = z
  .object({
    mutationId: z.uuid(),
    clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    clientSeq: z.number().int().nonnegative(),
    // The tablet's table names are camelCase Dexie tables (src/lib/db/schema.ts).
    table: z.string().regex(/^[a-z][A-Za-z0-9_]{0,39}$/),
    recordId: z.string().min(1).max(128).refine(storable, 'id holds a NUL or a lone surrogate'),
    /** `restore` undeletes a tombstoned record when its clock is newer than the tombstone. */
    op: z.enum(['upsert', 'delete', 'insert', 'restore']),
    fields: z.record(fieldName, z.unknown()).default({}),
    /** One clock for every field, or one per field (every key of `fields` must have one). */
    hlc: z.union([hlcSchema, z.record(fieldName, hlcSchema)]),
    /** Optional: the field clocks the client saw when it edited; marks an overwrite as sequential. */
    base: z.record(fieldName, hlcSchema).optional()
  })
  .superRefine((m, ctx) => {
    const names = Object.keys(m.fields);
    if (names.length > MAX_FIELDS) ctx.addIssue({ code: 'custom', path: ['fields'], message: `more than ${MAX_FIELDS} fields` });
    const deep = tooDeep(m.fields, MAX_DEPTH);
    if (deep) {
      ctx.addIssue({ code: 'custom', path: ['fields', ...deep.slice(0, 8)], message: `nested more than ${MAX_DEPTH} levels` });
      return; // too deep to serialize safely
    }
    const bad = unstorableAt(m.fields);
    if (bad) ctx.addIssue({ code: 'custom', path: ['fields', ...bad], message: 'holds a NUL, a lone surrogate or a number out of range' });
    if (utf8Bytes(JSON.stringify(m.fields)) > MAX_RECORD_BYTES) {
      ctx.addIssue({ code: 'custom', path: ['fields'], message: `larger than ${MAX_RECORD_BYTES} bytes` });
    }
    if (typeof m.hlc === 'string') return;
    const clocks = m.hlc;
    for (const f of names) {
      if (!Object.hasOwn(clocks, f)) ctx.addIssue({ code: 'custom', path: ['hlc', f], message: 'field has no clock' });
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

/** GET /api/sync/conflicts: the tenant's conflicts after (since, after) in (created_at, id) order. */
export const conflictFeedQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
  after: z.string().max(128).default(''),
  limit: z.coerce.number().int().min(1).max(1000).default(500)
});

export const pullQuerySchema = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  /** '1' while the tablet pulls everything again after a 410: the horizon check is skipped (gc.ts). */
  resync: z.enum(['0', '1']).optional(),
  /** 'compact': rows carry their most common clock once (protocol/compact-clocks.ts). */
  clocks: z.enum(['full', 'compact']).optional()
});
