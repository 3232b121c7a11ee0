/**
 * The topology geometry as a standalone SVG document (the export; the screen draws the same
 * geometry with the same colours). Text is escaped: device names are user input.
 */
import { HEALTH_COLOURS } from './health';
import type { TopoGeometry, TopoNode } from './topology';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const r1 = (n: number) => Math.round(n * 10) / 10;

export const CONTAINER_STYLE: Record<Exclude<TopoNode['kind'], 'device'>, { fill: string; stroke: string }> = {
  site: { fill: '#fafbfc', stroke: '#98a2b3' },
  building: { fill: '#f4f6fa', stroke: '#a9b4c6' },
  floor: { fill: '#eef2f8', stroke: '#b9c3d3' },
  room: { fill: '#ffffff', stroke: '#c9d1dd' }
};

export function topologySvg(g: TopoGeometry, title: string): string {
  const w = Math.ceil(g.width), h = Math.ceil(g.height) + 24;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="'Noto Sans SC', 'Microsoft YaHei', sans-serif">`,
    `<title>${esc(title)}</title>`,
    `<text x="8" y="16" font-size="13" font-weight="bold" fill="#101828">${esc(title)}</text>`,
    '<g transform="translate(0 24)">'
  ];
  for (const n of g.nodes) {
    if (n.kind === 'device') continue;
    const s = CONTAINER_STYLE[n.kind];
    out.push(`<g data-kind="${n.kind}"><rect x="${r1(n.x)}" y="${r1(n.y)}" width="${r1(n.w)}" height="${r1(n.h)}" rx="6" fill="${s.fill}" stroke="${s.stroke}"/>`,
      `<text x="${r1(n.x + 8)}" y="${r1(n.y + 18)}" font-size="11" fill="#475467">${esc(n.label)}</text></g>`);
  }
  for (const e of g.edges) {
    if (e.points.length < 2) continue;
    out.push(`<polyline data-link="${esc(e.id)}" points="${e.points.map((p) => `${r1(p.x)},${r1(p.y)}`).join(' ')}" fill="none" stroke="#344054" stroke-width="1.5"/>`);
  }
  for (const n of g.nodes) {
    if (n.kind !== 'device') continue;
    const c = HEALTH_COLOURS[n.health ?? 'never'];
    const sub = n.sub ?? '';
    out.push(`<g data-device="${esc(n.id)}" data-health="${n.health ?? 'never'}"><rect x="${r1(n.x)}" y="${r1(n.y)}" width="${r1(n.w)}" height="${r1(n.h)}" rx="4" fill="${c.fill}" stroke="${c.stroke}" stroke-width="2"/>`,
      `<text x="${r1(n.x + 8)}" y="${r1(n.y + 19)}" font-size="12" fill="#101828">${esc(n.label)}</text>`,
      sub ? `<text x="${r1(n.x + 8)}" y="${r1(n.y + 36)}" font-size="10" fill="#475467">${esc(sub)}</text>` : '', '</g>');
  }
  out.push('</g></svg>');
  return out.filter(Boolean).join('\n');
}
