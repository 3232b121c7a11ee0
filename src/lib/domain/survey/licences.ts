/**
 * Licence compliance: installed (devices with the product) against licensed (seats of the
 * client's unexpired licences for it). A product is matched to a licence by productKey().
 * Status, first that applies: overDeployed (installed > seats), expired (only expired licences),
 * unlicensed (no licence and not known free software), expiring (a counted licence ends within
 * EXPIRY_WARNING_DAYS), ok, free.
 */
import { productKey, type CatalogueEntry } from './software';

export const EXPIRY_WARNING_DAYS = 60;

export interface LicenceRecord {
  id: string;
  product: string;
  vendor: string;
  seats: number;
  keyMasked: string;
  expiresAt?: string | null;
  supplier: string;
  installerPath?: string | null;
}

export type ComplianceStatus = 'overDeployed' | 'expired' | 'unlicensed' | 'expiring' | 'ok' | 'free';

export interface ComplianceRow {
  key: string;
  product: string;
  installed: number;
  licensed: number;
  status: ComplianceStatus;
  /** Earliest end date of a counted licence, if any. */
  expiresAt: string | null;
  licenceIds: string[];
  installerPaths: string[];
}

// Free for business use (or bundled): not reported as unlicensed. A team licenses anything else.
const FREE = [
  /^wps office( personal)?$/, /钉钉|dingtalk/, /企业微信|wecom|wechat work/, /^微信$|^wechat$/, /adobe acrobat reader|adobe reader/,
  /火绒|huorong/, /360/, /google chrome|^chrome$/, /mozilla firefox|^firefox/, /microsoft edge/, /7 ?zip/, /notepad\+\+/,
  /^vlc/, /microsoft visual c\+\+/, /\.net (framework|runtime|desktop runtime)/, /^java|^openjdk/, /^python/, /teamviewer quicksupport/,
  /向日葵|sunlogin/, /腾讯会议|tencent meeting/, /搜狗输入法|sogou/
];

export function isFreeSoftware(key: string): boolean {
  const name = key.split('|')[0]!;
  return FREE.some((re) => re.test(name));
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(day + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
}

export function softwareCompliance(catalogue: readonly CatalogueEntry[], licences: readonly LicenceRecord[], today: string): ComplianceRow[] {
  const byKey = new Map<string, LicenceRecord[]>();
  for (const l of licences) {
    const k = productKey(l.product);
    (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(l);
  }
  const keys = new Set([...catalogue.map((c) => c.key), ...byKey.keys()]);
  const soon = addDays(today, EXPIRY_WARNING_DAYS);
  const rows: ComplianceRow[] = [];
  for (const key of keys) {
    const entry = catalogue.find((c) => c.key === key);
    const ls = byKey.get(key) ?? [];
    const live = ls.filter((l) => !l.expiresAt || l.expiresAt >= today);
    const licensed = live.reduce((s, l) => s + Math.max(0, l.seats), 0);
    const installed = entry?.deviceIds.length ?? 0;
    const ends = live.map((l) => l.expiresAt).filter((d): d is string => !!d).sort();
    const expiresAt = ends[0] ?? null;
    let status: ComplianceStatus;
    if (ls.length === 0) status = isFreeSoftware(key) ? 'free' : 'unlicensed';
    else if (live.length === 0) status = 'expired';
    else if (installed > licensed) status = 'overDeployed';
    else if (expiresAt !== null && expiresAt <= soon) status = 'expiring';
    else status = 'ok';
    rows.push({
      key, product: entry?.name ?? ls[0]!.product, installed, licensed, status, expiresAt,
      licenceIds: ls.map((l) => l.id), installerPaths: [...new Set(ls.map((l) => l.installerPath ?? '').filter(Boolean))]
    });
  }
  const order: Record<ComplianceStatus, number> = { overDeployed: 0, expired: 1, unlicensed: 2, expiring: 3, ok: 4, free: 5 };
  return rows.sort((a, b) => order[a.status] - order[b.status] || b.installed - a.installed || a.product.localeCompare(b.product));
}
