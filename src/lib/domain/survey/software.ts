/**
 * The software catalogue: every device's installed software aggregated into products, with
 * names and versions normalised so that "Microsoft Office 专业增强版 2019" and "Microsoft Office
 * Professional Plus 2019 - zh-cn" are one product.
 *
 * A product key is the lower-cased name with Chinese edition words translated, architecture
 * and language tags and punctuation removed, and a release year (in the name, or a version that
 * is only a year) appended as `|YEAR`. Two names with the same key are the same product; the
 * catalogue shows the most frequent spelling. A device's antivirus counts as installed software.
 */
import type { DeviceFields } from '../device';

const EDITIONS: [RegExp, string][] = [
  [/专业增强版/g, ' professional plus '], [/专业版/g, ' professional '], [/家庭和学生版|家庭与学生版/g, ' home and student '],
  [/家庭中文版/g, ' home china '], [/家庭版/g, ' home '], [/标准版/g, ' standard '], [/企业版/g, ' enterprise '],
  [/旗舰版/g, ' ultimate '], [/教育版/g, ' education '], [/数据中心版/g, ' datacenter '], [/小型企业版/g, ' small business '],
  [/个人版/g, ' personal '], [/简体中文版?|中文版/g, ' ']
];
const NOISE = [
  /\((x64|x86|64[- ]?bit|32[- ]?bit|64位|32位)\)/gi, /\b(x64|x86|amd64|64[- ]?bit|32[- ]?bit)\b/gi, /64位|32位/g,
  /\s-\s?[a-z]{2}-[a-z]{2}\b/gi, /\b[a-z]{2}-(cn|us|tw|hk|gb)\b/gi, /\(r\)|®|\(tm\)|™/gi
];

export function normaliseVersion(v: string): string {
  return v.trim().replace(/^v(?=\d)/i, '').replace(/\s+/g, ' ');
}

export function productKey(name: string, version = ''): string {
  let s = name.normalize('NFKC');
  for (const re of NOISE) s = s.replace(re, ' ');
  s = s.toLowerCase();
  for (const [re, en] of EDITIONS) s = s.replace(re, en);
  s = s.replace(/[^\p{L}\p{N}+#.]+/gu, ' ').replace(/\s+/g, ' ').trim();
  let year = '';
  const m = /\s(19|20)(\d{2})$/.exec(s);
  if (m) { year = m[1]! + m[2]!; s = s.slice(0, m.index).trim(); }
  const v = normaliseVersion(version);
  if (!year && /^(19|20)\d{2}$/.test(v)) year = v;
  return year ? `${s}|${year}` : s;
}

export interface CatalogueEntry {
  key: string;
  /** The most frequent spelling seen (ties: the first alphabetically). */
  name: string;
  spellings: string[];
  versions: { version: string; devices: number }[];
  deviceIds: string[];
}

type DeviceSoftware = Pick<DeviceFields, 'software'> & { id: string };

export function softwareCatalogue(devices: readonly DeviceSoftware[]): CatalogueEntry[] {
  const acc = new Map<string, { names: Map<string, number>; versions: Map<string, Set<string>>; devices: Set<string> }>();
  for (const d of devices) {
    // The antivirus is installed software too (and usually licensed): count it with the rest.
    const av = d.software?.antivirus?.name?.trim();
    const list = av && !(d.software.installed ?? []).some((s) => s.name.trim() === av) ? [...(d.software.installed ?? []), { name: av, version: '' }] : d.software?.installed ?? [];
    for (const s of list) {
      if (!s.name?.trim()) continue;
      const key = productKey(s.name, s.version);
      const e = acc.get(key) ?? acc.set(key, { names: new Map(), versions: new Map(), devices: new Set() }).get(key)!;
      const name = s.name.trim();
      e.names.set(name, (e.names.get(name) ?? 0) + 1);
      const v = normaliseVersion(s.version ?? '');
      (e.versions.get(v) ?? e.versions.set(v, new Set()).get(v)!).add(d.id);
      e.devices.add(d.id);
    }
  }
  return [...acc].map(([key, e]) => ({
    key,
    name: [...e.names].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0],
    spellings: [...e.names.keys()].sort(),
    versions: [...e.versions].map(([version, ids]) => ({ version, devices: ids.size })).sort((a, b) => b.devices - a.devices || a.version.localeCompare(b.version)),
    deviceIds: [...e.devices].sort()
  })).sort((a, b) => b.deviceIds.length - a.deviceIds.length || a.name.localeCompare(b.name));
}
