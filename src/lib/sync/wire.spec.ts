import { describe, expect, it } from 'vitest';
import { INSERT_ONLY_TABLES as TABLET_INSERT_ONLY, SYNCED_TABLES } from '$lib/db/schema';
import { INSERT_ONLY_TABLES as WIRE_INSERT_ONLY } from './wire';

// The tablet's schema and the shared wire format name insert-only tables separately (Dexie needs
// them typed); the server enforces the wire list. They must agree or the server refuses edits.
describe('tablet schema and wire format', () => {
  it('agree on which tables are insert-only', () => {
    for (const t of TABLET_INSERT_ONLY) expect(WIRE_INSERT_ONLY.has(t), t).toBe(true);
    for (const t of SYNCED_TABLES) expect(WIRE_INSERT_ONLY.has(t), t).toBe(false);
  });
});
