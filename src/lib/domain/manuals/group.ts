/**
 * The manuals view (survey artefact 1.4): knowledge-base articles of kind 'manual', grouped by
 * the operating system or software they are linked to (a link of type 'software' whose key is
 * the OS or product name, as the article editor offers them). An OS is a name that some device
 * of the register runs as its OS. Every OS of the register gets a group, with or without a
 * manual, so a missing install procedure shows; software gets a group when it has a manual or
 * is among the `topSoftware` most installed products. Names compare trimmed and case-blind.
 */
import type { DeviceFields } from '../device';

export interface ManualArticle { id: string; title: string; kind: string; links: readonly { type: string; key: string }[]; updatedAt?: string }
export interface ManualGroup { name: string; devices: number; manuals: ManualArticle[] }
export interface ManualGroups { os: ManualGroup[]; software: ManualGroup[]; unlinked: ManualArticle[] }

const norm = (s: string) => s.trim().toLowerCase();

export function manualGroups(devices: readonly Pick<DeviceFields, 'software'>[], articles: readonly ManualArticle[], topSoftware = 12): ManualGroups {
  const osCount = new Map<string, { name: string; n: number }>();
  const swCount = new Map<string, { name: string; n: number }>();
  const bump = (m: Map<string, { name: string; n: number }>, name: string) => {
    if (!name.trim()) return;
    const k = norm(name);
    const e = m.get(k) ?? m.set(k, { name: name.trim(), n: 0 }).get(k)!;
    e.n++;
  };
  for (const d of devices) {
    bump(osCount, d.software?.os ?? '');
    for (const name of new Set((d.software?.installed ?? []).map((i) => i.name))) bump(swCount, name);
  }
  const manuals = articles.filter((a) => a.kind === 'manual');
  const byKey = new Map<string, ManualArticle[]>();
  const linkedName = new Map<string, string>();
  const unlinked: ManualArticle[] = [];
  for (const a of manuals) {
    const keys = [...new Set(a.links.filter((l) => l.type === 'software' || l.type === 'os').map((l) => { linkedName.set(norm(l.key), l.key.trim()); return norm(l.key); }))];
    if (keys.length === 0) unlinked.push(a);
    for (const k of keys) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(a);
  }
  const byTitle = (a: ManualArticle, b: ManualArticle) => a.title.localeCompare(b.title, 'zh-CN');
  const group = (k: string, name: string, n: number): ManualGroup => ({ name, devices: n, manuals: [...(byKey.get(k) ?? [])].sort(byTitle) });
  const order = (a: ManualGroup, b: ManualGroup) => b.devices - a.devices || a.name.localeCompare(b.name, 'zh-CN');
  const os = [...osCount].map(([k, e]) => group(k, e.name, e.n)).sort(order);
  const top = new Set([...swCount].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0])).slice(0, topSoftware).map(([k]) => k));
  const swKeys = new Set([...top, ...[...byKey.keys()].filter((k) => !osCount.has(k))]);
  const software = [...swKeys].map((k) => group(k, swCount.get(k)?.name ?? linkedName.get(k) ?? k, swCount.get(k)?.n ?? 0)).sort(order);
  return { os, software, unlinked: unlinked.sort(byTitle) };
}
