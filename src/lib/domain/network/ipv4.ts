/**
 * IPv4 addresses and CIDR blocks as unsigned 32-bit numbers. Pure, no dependencies.
 * Invariants: parse* returns null for anything that is not strict dotted-quad (no leading
 * zeros that would read as octal elsewhere, no spaces inside, each octet 0–255); a Cidr's
 * `network` always has its host bits cleared, so two equal blocks compare equal.
 */
export interface Cidr {
  network: number;
  prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** "10.1.2.3" → 167838211, or null. Surrounding spaces are ignored. */
export function parseIp(text: string): number | null {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** "10.1.2.0/24" → block. A block written with host bits set ("10.1.2.7/24") is refused. */
export function parseCidr(text: string): Cidr | null {
  const m = /^\s*([\d.]+)\/(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const ip = parseIp(m[1]!);
  const prefix = Number(m[2]);
  if (ip === null || prefix > 32) return null;
  const network = (ip & mask(prefix)) >>> 0;
  return network === ip ? { network, prefix } : null;
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.network)}/${c.prefix}`;
}

export function broadcast(c: Cidr): number {
  return (c.network | ~mask(c.prefix)) >>> 0;
}

export function contains(c: Cidr, ip: number): boolean {
  return ((ip & mask(c.prefix)) >>> 0) === c.network;
}

/** Usable host addresses (network and broadcast excluded, except /31 and /32). */
export function hostCount(c: Cidr): number {
  const size = 2 ** (32 - c.prefix);
  return c.prefix >= 31 ? size : size - 2;
}

/** A host address of the block: not its network or broadcast address (for /31, /32 every address is). */
export function isHostOf(c: Cidr, ip: number): boolean {
  if (!contains(c, ip)) return false;
  return c.prefix >= 31 || (ip !== c.network && ip !== broadcast(c));
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.network <= broadcast(b) && b.network <= broadcast(a);
}
