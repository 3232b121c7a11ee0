/**
 * The topology diagram of one site as an ELK graph and back as plain geometry.
 * Nesting: site → building → floor → room/rack (one location) → device; a device without a
 * location sits in the site. Edges are cables (links); ELK lays out the whole hierarchy at once
 * (hierarchyHandling INCLUDE_CHILDREN) and reports edge points in root coordinates.
 * Invariants of the geometry: every coordinate is absolute (root) in px; containers come before
 * their children in `nodes` (so drawing in order paints children on top); a container encloses
 * its children, also after positions a user dragged are applied.
 */
import type { DeviceType } from '../device';
import type { Health } from './health';

export interface TopoDevice { id: string; name: string; type: DeviceType; locationId: string | null; health: Health; sub?: string }
export interface TopoLocation { id: string; building: string; floor: string; room: string }
export interface TopoLink { id: string; fromDeviceId: string; fromPort: string; toDeviceId: string; toPort: string }
export interface TopoInput { site: { id: string; name: string }; locations: readonly TopoLocation[]; devices: readonly TopoDevice[]; links: readonly TopoLink[] }

/** The subset of ELK's JSON graph we build and read (kept here so the domain needs no elkjs types). */
export interface ElkGraph {
  id: string;
  width?: number; height?: number; x?: number; y?: number;
  layoutOptions?: Record<string, string>;
  children?: ElkGraph[];
  edges?: { id: string; sources: string[]; targets: string[]; sections?: { startPoint: Pt; endPoint: Pt; bendPoints?: Pt[] }[] }[];
}
export interface Pt { x: number; y: number }

export type NodeKind = 'site' | 'building' | 'floor' | 'room' | 'device';
export interface TopoNode { id: string; kind: NodeKind; parent: string | null; x: number; y: number; w: number; h: number; label: string; sub?: string; type?: DeviceType; health?: Health }
export interface TopoEdge { id: string; from: string; to: string; points: Pt[]; label: string }
export interface TopoGeometry { width: number; height: number; nodes: TopoNode[]; edges: TopoEdge[] }

export const DEVICE_W = 150;
export const DEVICE_H = 46;
const PAD = '[top=30,left=12,bottom=12,right=12]';

export const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.json.edgeCoords': 'ROOT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.padding': '[top=12,left=12,bottom=12,right=12]'
};

interface Meta { kind: NodeKind; label: string; sub?: string; type?: DeviceType; health?: Health }

/** The ELK graph and what each of its node ids stands for. */
export function buildGraph(input: TopoInput): { graph: ElkGraph; meta: Map<string, Meta> } {
  const meta = new Map<string, Meta>();
  const siteId = `site:${input.site.id}`;
  meta.set(siteId, { kind: 'site', label: input.site.name });
  const site: ElkGraph = { id: siteId, layoutOptions: { 'elk.padding': PAD }, children: [] };
  const containers = new Map<string, ElkGraph>();
  const child = (parent: ElkGraph, id: string, m: Meta): ElkGraph => {
    let n = containers.get(id);
    if (!n) {
      n = { id, layoutOptions: { 'elk.padding': PAD }, children: [] };
      containers.set(id, n);
      parent.children!.push(n);
      meta.set(id, m);
    }
    return n;
  };
  const locs = new Map(input.locations.map((l) => [l.id, l]));
  const present = new Set<string>();
  for (const d of input.devices) {
    const l = d.locationId ? locs.get(d.locationId) : undefined;
    let parent = site;
    if (l) {
      const b = l.building.trim(), f = l.floor.trim();
      if (b) parent = child(parent, `b:${b}`, { kind: 'building', label: b });
      if (f) parent = child(parent, `f:${b}|${f}`, { kind: 'floor', label: f });
      if (l.room.trim()) parent = child(parent, `r:${l.id}`, { kind: 'room', label: l.room.trim() });
    }
    parent.children!.push({ id: d.id, width: DEVICE_W, height: DEVICE_H });
    meta.set(d.id, { kind: 'device', label: d.name, type: d.type, health: d.health, ...(d.sub ? { sub: d.sub } : {}) });
    present.add(d.id);
  }
  const edges = input.links
    .filter((l) => present.has(l.fromDeviceId) && present.has(l.toDeviceId) && l.fromDeviceId !== l.toDeviceId)
    .map((l) => ({ id: l.id, sources: [l.fromDeviceId], targets: [l.toDeviceId] }));
  const graph: ElkGraph = { id: 'root', layoutOptions: ROOT_OPTIONS, children: [site], edges };
  return { graph, meta };
}

/** Absolute geometry of a laid-out graph. */
export function toGeometry(laid: ElkGraph, meta: ReadonlyMap<string, Meta>, links: readonly TopoLink[]): TopoGeometry {
  const nodes: TopoNode[] = [];
  const walk = (n: ElkGraph, ox: number, oy: number, parent: string | null) => {
    for (const c of n.children ?? []) {
      const x = ox + (c.x ?? 0), y = oy + (c.y ?? 0);
      const m = meta.get(c.id);
      if (m) nodes.push({ id: c.id, kind: m.kind, parent, x, y, w: c.width ?? 0, h: c.height ?? 0, label: m.label, ...(m.sub ? { sub: m.sub } : {}), ...(m.type ? { type: m.type } : {}), ...(m.health ? { health: m.health } : {}) });
      walk(c, x, y, c.id);
    }
  };
  walk(laid, 0, 0, null);
  const byId = new Map(links.map((l) => [l.id, l]));
  const edges: TopoEdge[] = (laid.edges ?? []).map((e) => {
    const s = e.sections?.[0];
    const l = byId.get(e.id);
    const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: p.x, y: p.y })) : [];
    return { id: e.id, from: e.sources[0]!, to: e.targets[0]!, points, label: l ? [l.fromPort, l.toPort].filter(Boolean).join(' – ') : '' };
  });
  return { width: laid.width ?? 0, height: laid.height ?? 0, nodes, edges };
}

/** Where a segment from a box's centre towards `p` leaves the box. */
function border(n: TopoNode, p: Pt): Pt {
  const cx = n.x + n.w / 2, cy = n.y + n.h / 2;
  const dx = p.x - cx, dy = p.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const s = Math.min(dx === 0 ? Infinity : n.w / 2 / Math.abs(dx), dy === 0 ? Infinity : n.h / 2 / Math.abs(dy));
  return { x: cx + dx * s, y: cy + dy * s };
}

const GROW = { top: 30, side: 12 };

/**
 * Applies positions a user dragged (device ids → top-left corner). Moved devices take their
 * position; cables touching them become straight lines between the boxes; every container grows
 * to enclose its children again (it never shrinks, so the untouched layout stays as ELK made it).
 */
export function applyPositions(g: TopoGeometry, positions: Readonly<Record<string, Pt>>): TopoGeometry {
  const nodes = g.nodes.map((n) => ({ ...n }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const moved = new Set<string>();
  for (const n of nodes) {
    const p = positions[n.id];
    if (n.kind === 'device' && p && Number.isFinite(p.x) && Number.isFinite(p.y)) { n.x = p.x; n.y = p.y; moved.add(n.id); }
  }
  if (moved.size === 0) return g;
  // Children come after their container: walk backwards so inner containers grow first.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    const p = n.parent ? byId.get(n.parent) : undefined;
    if (!p) continue;
    const x0 = Math.min(p.x, n.x - GROW.side), y0 = Math.min(p.y, n.y - GROW.top);
    const x1 = Math.max(p.x + p.w, n.x + n.w + GROW.side), y1 = Math.max(p.y + p.h, n.y + n.h + GROW.side);
    p.x = x0; p.y = y0; p.w = x1 - x0; p.h = y1 - y0;
  }
  const edges = g.edges.map((e) => {
    if (!moved.has(e.from) && !moved.has(e.to)) return e;
    const a = byId.get(e.from)!, b = byId.get(e.to)!;
    const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 }, cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
    return { ...e, points: [border(a, cb), border(b, ca)] };
  });
  const minX = Math.min(0, ...nodes.map((n) => n.x)), minY = Math.min(0, ...nodes.map((n) => n.y));
  const shift = (v: number, d: number) => v - d + (d < 0 ? 12 : 0);
  const dx = minX, dy = minY;
  const out = nodes.map((n) => ({ ...n, x: shift(n.x, dx), y: shift(n.y, dy) }));
  const outEdges = edges.map((e) => ({ ...e, points: e.points.map((p) => ({ x: shift(p.x, dx), y: shift(p.y, dy) })) }));
  const width = Math.max(g.width, ...out.map((n) => n.x + n.w + 12));
  const height = Math.max(g.height, ...out.map((n) => n.y + n.h + 12));
  return { width, height, nodes: out, edges: outEdges };
}
