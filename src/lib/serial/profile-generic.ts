/**
 * A register map an administrator writes for a device we do not ship a profile for.
 * `parseGenericProfile` validates it (zod, defaults filled in) and returns either a DeviceProfile
 * or issues as `{ path, code }` for the editor to show beside the offending field.
 * Entries are read in blocks of contiguous registers only: reading across a gap could hit an
 * address the device rejects (exception 2) and lose the whole block.
 */
import { z } from 'zod';
import { PARITIES } from '../domain/isolation/panel';
import type { DeviceBits, LeadId, Reading, Readings } from '../domain/isolation/readings';
import { MAX_READ_QTY } from './modbus';
import { blockWords, type BlockResult, type DeviceProfile, type ReadBlock } from './profile-types';
import { f32, i16, u16, u32 } from './words';

export const MEANINGS = ['insulation', 'thc', 'load', 'loadPercent', 'temperature', 'faultBits'] as const;
export type Meaning = (typeof MEANINGS)[number];
const UNITS: Record<Meaning, readonly string[]> = {
  insulation: ['Ω', 'kΩ', 'MΩ'], thc: ['mA'], load: ['A'], loadPercent: ['%'], temperature: ['°C'], faultBits: ['']
};
const TO_CANONICAL: Record<string, number> = { 'Ω': 1 / 1000, 'kΩ': 1, 'MΩ': 1000 };
const SIZE = { u16: 1, i16: 1, u32: 2, f32: 2 } as const;

const bit = z.number().int().min(0).max(31);
const bitsSchema = z.object({
  insulationAlarm: bit, insulationPreWarning: bit, overload: bit, overTemp: bit,
  systemLead: bit, earthLead: bit, ctLead: bit, sensorBroken: bit, deviceError: bit
}).partial().strict();

const entrySchema = z.object({
  address: z.number().int().min(0).max(0xffff),
  type: z.enum(['u16', 'i16', 'u32', 'f32']),
  wordOrder: z.enum(['hiLo', 'loHi']).default('hiLo'),
  scale: z.number().refine((n) => Number.isFinite(n) && n !== 0, 'badScale').default(1),
  unit: z.string().default(''),
  meaning: z.enum(MEANINGS),
  min: z.number().optional(),
  max: z.number().optional(),
  boundAtMin: z.boolean().default(false), // the device shows its minimum for "this or less"
  boundAtMax: z.boolean().default(false),
  bits: bitsSchema.optional()
}).strict();

export const genericProfileSchema = z.object({
  id: z.string().trim().min(1).max(64),
  make: z.string().trim().min(1).max(100),
  model: z.string().trim().min(1).max(100),
  regime: z.enum(['iec', 'nfpa']).default('iec'),
  fc: z.union([z.literal(3), z.literal(4)]).default(3),
  serial: z.object({
    baudRate: z.number().int().positive().default(9600),
    parity: z.enum(PARITIES).default('none'),
    stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
    slave: z.number().int().min(1).max(247).default(1)
  }).strict().prefault({}),
  entries: z.array(entrySchema).min(1).max(32)
}).strict().superRefine((p, ctx) => {
  const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: 'custom', message, path });
  const seen = new Set<Meaning>();
  const spans: [number, number, number][] = [];
  p.entries.forEach((e, i) => {
    if (!UNITS[e.meaning].includes(e.unit)) issue('unitMismatch', ['entries', i, 'unit']);
    if (e.meaning === 'faultBits' && (e.bits === undefined || e.type === 'f32' || e.type === 'i16')) issue('bitsRequired', ['entries', i, 'bits']);
    if (e.min !== undefined && e.max !== undefined && e.min > e.max) issue('rangeInverted', ['entries', i, 'max']);
    if (seen.has(e.meaning)) issue('duplicateMeaning', ['entries', i, 'meaning']);
    seen.add(e.meaning);
    const end = e.address + SIZE[e.type];
    if (e.address <= 0xffff && end > 0x10000) issue('addressOverflow', ['entries', i, 'address']); // too_big already said it otherwise
    for (const [s, t] of spans) if (e.address < t && s < end) issue('overlap', ['entries', i, 'address']);
    spans.push([e.address, end, i]);
  });
});

export type GenericProfileConfig = z.output<typeof genericProfileSchema>;
type Entry = GenericProfileConfig['entries'][number];
export type ProfileIssue = { path: string; code: string };

function rawValue(e: Entry, words: readonly number[], at: number): number {
  switch (e.type) {
    case 'u16': return u16(words[at] ?? 0);
    case 'i16': return i16(words[at] ?? 0);
    case 'u32': return u32(words, at, e.wordOrder);
    case 'f32': return f32(words, at, e.wordOrder);
  }
}

export function blocksFor(entries: readonly Entry[], fc: 3 | 4): { blocks: ReadBlock[]; place: Map<Entry, [number, number]> } {
  const sorted = [...entries].sort((a, b) => a.address - b.address);
  const blocks: ReadBlock[] = [];
  const place = new Map<Entry, [number, number]>();
  for (const e of sorted) {
    const last = blocks.at(-1);
    const size = SIZE[e.type];
    if (last && last.start + last.qty === e.address && last.qty + size <= MAX_READ_QTY) {
      place.set(e, [blocks.length - 1, last.qty]);
      last.qty += size;
    } else {
      place.set(e, [blocks.length, 0]);
      blocks.push({ fc, start: e.address, qty: size });
    }
  }
  return { blocks, place };
}

function toBits(e: Entry, raw: number): DeviceBits {
  const m = e.bits ?? {};
  const on = (b: number | undefined) => b !== undefined && Math.floor(raw / 2 ** b) % 2 === 1;
  const leads: LeadId[] = [];
  if (on(m.systemLead)) leads.push('system');
  if (on(m.earthLead)) leads.push('earth');
  if (on(m.ctLead)) leads.push('ct');
  return {
    insulationAlarm: on(m.insulationAlarm), insulationPreWarning: on(m.insulationPreWarning), overload: on(m.overload),
    overTemp: on(m.overTemp), sensorBroken: on(m.sensorBroken), deviceError: on(m.deviceError), leadFaults: leads
  };
}

const KEY = { insulation: 'insulationKohm', thc: 'thcMa', load: 'loadA', loadPercent: 'loadPercent', temperature: 'temperatureC' } as const;

function decodeGeneric(cfg: GenericProfileConfig, blocks: ReadBlock[], place: Map<Entry, [number, number]>, results: readonly BlockResult[], at: number): Readings {
  const out: Readings = {};
  for (const e of cfg.entries) {
    const [bi, offset] = place.get(e) ?? [0, 0];
    const b = blockWords(results[bi], blocks[bi]?.qty ?? 0);
    if (e.meaning === 'faultBits') {
      out.device = 'problem' in b ? { bits: {}, at, ...b } : { bits: toBits(e, rawValue(e, b.words, offset)), at };
      continue;
    }
    if ('problem' in b) { out[KEY[e.meaning]] = { value: NaN, at, ...b }; continue; }
    const raw = rawValue(e, b.words, offset) * e.scale;
    const value = raw * (TO_CANONICAL[e.unit] ?? 1);
    const reading: Reading = { value, at, bound: 'exact' };
    const k = TO_CANONICAL[e.unit] ?? 1;
    if (e.min !== undefined && e.max !== undefined) reading.range = { min: e.min * k, max: e.max * k };
    if (e.boundAtMin && e.min !== undefined && raw <= e.min) reading.bound = 'atMost';
    if (e.boundAtMax && e.max !== undefined && raw >= e.max) reading.bound = 'atLeast';
    out[KEY[e.meaning]] = reading;
  }
  return out;
}

export function parseGenericProfile(input: unknown): { ok: true; profile: DeviceProfile; config: GenericProfileConfig } | { ok: false; issues: ProfileIssue[] } {
  const r = genericProfileSchema.safeParse(input);
  if (!r.success) {
    return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code === 'custom' ? i.message : i.code })) };
  }
  const cfg = r.data;
  const { blocks, place } = blocksFor(cfg.entries, cfg.fc);
  return {
    ok: true,
    config: cfg,
    profile: {
      id: cfg.id, make: cfg.make, model: cfg.model, regime: cfg.regime,
      defaultSerial: { ...cfg.serial, dataBits: 8 },
      blocks,
      decode: (results, at) => decodeGeneric(cfg, blocks, place, results, at)
    }
  };
}
