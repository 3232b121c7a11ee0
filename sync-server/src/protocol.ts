// The sync protocol's zod schemas and wire types live once in src/lib/sync/protocol/schemas.ts
// (shared with the tablet's tests); this path stays for the server's imports.
export * from '../../src/lib/sync/protocol/schemas.ts';
