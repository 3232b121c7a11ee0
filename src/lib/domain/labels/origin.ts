/**
 * The address printed in label QR codes. A label lives for years on a device and is scanned by
 * phones outside the hospital's LAN, so it must carry the team's public address, never the
 * loopback or LAN address the tablet happens to open the app on.
 */

export type OriginProblem = 'empty' | 'notUrl' | 'scheme' | 'credentials' | 'path';
export type OriginParse = { ok: true; origin: string } | { ok: false; problem: OriginProblem };

/**
 * Validates an address typed for labels: http or https, no user or password, nothing after the
 * host and port (a path, query or fragment would be silently dropped from every label's link).
 * A trailing "/" is accepted. Returns the normalised origin (lower-case host, default port left out).
 */
export function parseLabelOrigin(input: string): OriginParse {
  const s = input.trim();
  if (s === '') return { ok: false, problem: 'empty' };
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return { ok: false, problem: 'notUrl' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, problem: 'scheme' };
  if (u.username !== '' || u.password !== '') return { ok: false, problem: 'credentials' };
  if ((u.pathname !== '/' && u.pathname !== '') || u.search !== '' || u.hash !== '' || /[?#]/.test(s)) return { ok: false, problem: 'path' };
  if (u.hostname === '') return { ok: false, problem: 'notUrl' };
  return { ok: true, origin: u.origin };
}

/** True for localhost and loopback or unspecified addresses: 127.0.0.0/8, ::1, 0.0.0.0. */
export function isLoopbackOrigin(origin: string): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '::' || host === '0.0.0.0') return true;
  // IPv4-mapped IPv6: the URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1.
  if (host.startsWith('::ffff:')) return /^::ffff:7f[0-9a-f]{2}:/.test(host) || host === '::ffff:0:0';
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The origin labels carry: the team's address when one is set, else the page's own. */
export function effectiveLabelOrigin(team: string | null | undefined, page: string): string {
  if (team) {
    const r = parseLabelOrigin(team);
    if (r.ok) return r.origin;
  }
  return page.replace(/\/+$/, '');
}
