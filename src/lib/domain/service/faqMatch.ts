/**
 * Which articles concern a device: those linked to the device itself (or listing it in the
 * special-device register), to its model, to an isolation panel it carries, to software
 * installed on it, or to its type. Names compare case-blind and trimmed (NFKC, so full-width
 * letters match); a software link matches an installed name that equals it or starts with it
 * followed by a space or a version ("WPS Office" matches "WPS Office 2019").
 * Results are ordered from the most specific link to the least.
 */
import type { Article, ArticleLink, LinkType } from './types';

export interface DeviceFacts {
  id: string;
  model: string;
  type: string;
  software: readonly string[];
  panelId?: string | null;
}

const ORDER: LinkType[] = ['device', 'special', 'model', 'panel', 'software', 'deviceType'];

export const norm = (s: string): string => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export function linkMatches(link: ArticleLink, d: DeviceFacts): boolean {
  const key = norm(link.key);
  if (!key) return false;
  switch (link.type) {
    case 'device':
    case 'special':
      return link.key === d.id;
    case 'model':
      return key === norm(d.model);
    case 'deviceType':
      return key === norm(d.type);
    case 'panel':
      return !!d.panelId && link.key === d.panelId;
    case 'software':
      return d.software.some((s) => {
        const n = norm(s);
        return n === key || (n.startsWith(key) && /^[\s\d.v(（-]/.test(n.slice(key.length)));
      });
  }
}

export interface DeviceFaq<A> { article: A; reasons: LinkType[] }

export function faqForDevice<A extends Pick<Article, 'links' | 'title'>>(articles: readonly A[], d: DeviceFacts): DeviceFaq<A>[] {
  const out: DeviceFaq<A>[] = [];
  for (const article of articles) {
    const reasons = ORDER.filter((t) => article.links.some((l) => l.type === t && linkMatches(l, d)));
    if (reasons.length) out.push({ article, reasons });
  }
  const rank = (f: DeviceFaq<A>) => ORDER.indexOf(f.reasons[0]!);
  return out.sort((a, b) => rank(a) - rank(b) || a.article.title.localeCompare(b.article.title, 'zh-CN'));
}

/** Devices in the special-device register: those some article lists with a 'special' link. */
export function specialDeviceIds(articles: readonly Pick<Article, 'links'>[]): Set<string> {
  return new Set(articles.flatMap((a) => a.links.filter((l) => l.type === 'special').map((l) => l.key)));
}
