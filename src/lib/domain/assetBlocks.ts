/**
 * Asset-number blocks: which running numbers this tablet may mint for a prefix, offline.
 *
 * The running-number space of one prefix, 0 … 999 999 999, is split by value into two ranges
 * that cannot meet:
 *   LEASED   [0, 100 000 000)       blocks [start, end) that the sync server leases. The server
 *                                   is the only writer of this range and never leases a number
 *                                   twice (its invariant); a tablet refuses a lease outside it.
 *   DERIVED  [100 000 000, 10^9)    per-tablet blocks: running = 10^8 + code·10^5 + seq, with
 *                                   the tablet code in [0, 9000) and seq in [0, 100 000).
 * The DERIVED map (code, seq) ↦ running is injective (division with remainder by 10^5), so
 * two tablets with different codes can never mint the same number, and no DERIVED number is
 * ever a LEASED one, so both schemes coexist. A random id hashed into a code could collide,
 * so the code is not random: it is given to the tablet once, at enrolment, from the team's
 * list (and later registered with, or leased from, the server, which refuses a code twice).
 * Uniqueness of codes is thus the one precondition; everything after it is arithmetic.
 *
 * Never reused: a block's cursor only moves forward, the state lives in one Dexie `meta` row
 * updated inside the minting transaction (two tabs serialise on it), a code cannot be changed
 * once it minted a number, and the repository skips any number already known locally.
 * A running number is printed with 6 digits, or more when larger (formatAssetNumber), so each
 * running number has exactly one spelling per prefix.
 */
import { formatAssetNumber } from './assetNumber';

export const LEASED_END = 100_000_000;
export const DERIVED_BASE = 100_000_000;
export const DERIVED_BLOCK = 100_000;
export const TABLET_CODES = 9000;

export interface Lease {
  id: string;
  prefix: string;
  /** First running number of the block. */
  start: number;
  /** One past the last. */
  end: number;
  /** Next running number to hand out. */
  next: number;
}

export interface BlockState {
  v: 1;
  tabletCode: number | null;
  leases: Lease[];
  /** Per prefix, the next seq of this tablet's DERIVED block. */
  derivedNext: Record<string, number>;
}

export type BlockError = 'noTabletCode' | 'exhausted' | 'invalidCode' | 'codeInUse' | 'invalidLease' | 'leaseOverlap';

export class AssetBlockError extends Error {
  constructor(public readonly reason: BlockError, detail = '') {
    super(`asset blocks: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'AssetBlockError';
  }
}

export function emptyBlocks(): BlockState {
  return { v: 1, tabletCode: null, leases: [], derivedNext: {} };
}

/** Reads a stored state, tolerating an absent or older row. */
export function loadBlocks(raw: unknown): BlockState {
  if (!raw || typeof raw !== 'object' || (raw as { v?: unknown }).v !== 1) return emptyBlocks();
  const s = raw as BlockState;
  return { v: 1, tabletCode: s.tabletCode ?? null, leases: [...(s.leases ?? [])], derivedNext: { ...(s.derivedNext ?? {}) } };
}

export function isValidTabletCode(code: number): boolean {
  return Number.isInteger(code) && code >= 0 && code < TABLET_CODES;
}

/** The DERIVED block of a tablet code: [start, end). */
export function derivedRange(code: number): { start: number; end: number } {
  if (!isValidTabletCode(code)) throw new AssetBlockError('invalidCode', String(code));
  const start = DERIVED_BASE + code * DERIVED_BLOCK;
  return { start, end: start + DERIVED_BLOCK };
}

/** Which scheme a running number belongs to, and for DERIVED numbers which tablet minted it. */
export function blockOf(running: number): { scheme: 'leased' } | { scheme: 'derived'; code: number; seq: number } {
  if (running < LEASED_END) return { scheme: 'leased' };
  const off = running - DERIVED_BASE;
  return { scheme: 'derived', code: Math.floor(off / DERIVED_BLOCK), seq: off % DERIVED_BLOCK };
}

export function setTabletCode(s: BlockState, code: number): BlockState {
  if (!isValidTabletCode(code)) throw new AssetBlockError('invalidCode', String(code));
  if (s.tabletCode !== null && s.tabletCode !== code && Object.values(s.derivedNext).some((n) => n > 0)) {
    throw new AssetBlockError('codeInUse', `code ${s.tabletCode} has minted numbers`);
  }
  return { ...s, tabletCode: code };
}

export function addLease(s: BlockState, lease: Omit<Lease, 'next'> & { next?: number }): BlockState {
  const { id, prefix, start, end } = lease;
  const next = lease.next ?? start;
  const ints = [start, end, next].every(Number.isSafeInteger);
  if (!ints || start < 0 || end > LEASED_END || start >= end || next < start || next > end) {
    throw new AssetBlockError('invalidLease', `${start}-${end}`);
  }
  if (s.leases.some((l) => l.id === id)) return s;
  if (s.leases.some((l) => l.prefix === prefix && l.start < end && start < l.end)) {
    throw new AssetBlockError('leaseOverlap', `${start}-${end}`);
  }
  return { ...s, leases: [...s.leases, { id, prefix, start, end, next }] };
}

export interface Minted {
  state: BlockState;
  running: number;
  assetNumber: string;
  scheme: 'leased' | 'derived';
}

/**
 * The next number for `prefix`: from the oldest lease with numbers left, else from this
 * tablet's DERIVED block. The caller stores `state` in the same transaction that records the
 * number (and calls again when the number turns out to be taken locally).
 */
export function mintNext(s: BlockState, prefix: string): Minted {
  const lease = s.leases.find((l) => l.prefix === prefix && l.next < l.end);
  if (lease) {
    const running = lease.next;
    const leases = s.leases.map((l) => (l === lease ? { ...l, next: l.next + 1 } : l));
    return { state: { ...s, leases }, running, assetNumber: formatAssetNumber(prefix, running), scheme: 'leased' };
  }
  if (s.tabletCode === null) throw new AssetBlockError('noTabletCode');
  const seq = s.derivedNext[prefix] ?? 0;
  if (seq >= DERIVED_BLOCK) throw new AssetBlockError('exhausted', prefix);
  const running = derivedRange(s.tabletCode).start + seq;
  return {
    state: { ...s, derivedNext: { ...s.derivedNext, [prefix]: seq + 1 } },
    running,
    assetNumber: formatAssetNumber(prefix, running),
    scheme: 'derived'
  };
}

/** How many numbers this tablet can still mint for a prefix without asking anyone. */
export function remaining(s: BlockState, prefix: string): number {
  const leased = s.leases.filter((l) => l.prefix === prefix).reduce((n, l) => n + (l.end - l.next), 0);
  const derived = s.tabletCode === null ? 0 : DERIVED_BLOCK - (s.derivedNext[prefix] ?? 0);
  return leased + derived;
}
