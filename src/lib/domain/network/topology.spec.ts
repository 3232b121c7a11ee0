import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { deviceHealth } from './health';
import { applyPositions, buildGraph, toGeometry, type TopoInput } from './topology';
import { topologySvg } from './svg';

const input: TopoInput = {
  site: { id: 's1', name: '总院' },
  locations: [
    { id: 'l1', building: '行政楼', floor: '1F', room: '机房' },
    { id: 'l2', building: '门诊楼', floor: '2F', room: '弱电间' }
  ],
  devices: [
    { id: 'fw', name: 'FW-1', type: 'firewall', locationId: 'l1', health: 'ok' },
    { id: 'core', name: 'Core <1>', type: 'switch', locationId: 'l1', health: 'incident' },
    { id: 'acc', name: 'Access-2F', type: 'switch', locationId: 'l2', health: 'stale' },
    { id: 'ap', name: 'AP-2F', type: 'accessPoint', locationId: null, health: 'never' }
  ],
  links: [
    { id: 'k1', fromDeviceId: 'fw', fromPort: 'eth1', toDeviceId: 'core', toPort: 'Gi0/1' },
    { id: 'k2', fromDeviceId: 'core', fromPort: 'Gi0/24', toDeviceId: 'acc', toPort: 'Gi0/1' },
    { id: 'k3', fromDeviceId: 'acc', fromPort: 'Gi0/2', toDeviceId: 'ap', toPort: '' },
    { id: 'k4', fromDeviceId: 'acc', fromPort: 'Gi0/3', toDeviceId: 'gone', toPort: '' }
  ]
};

async function layout() {
  const { graph, meta } = buildGraph(input);
  const laid = await new ELK().layout(graph as never);
  return toGeometry(laid as never, meta, input.links);
}

const inside = (c: { x: number; y: number; w: number; h: number }, n: { x: number; y: number; w: number; h: number }) =>
  n.x >= c.x - 0.01 && n.y >= c.y - 0.01 && n.x + n.w <= c.x + c.w + 0.01 && n.y + n.h <= c.y + c.h + 0.01;

describe('topology of a site', () => {
  it('nests site → building → floor → room and leaves out cables to devices not drawn', async () => {
    const { graph } = buildGraph(input);
    expect(graph.edges!.map((e) => e.id)).toEqual(['k1', 'k2', 'k3']);
    const g = await layout();
    const kinds = Object.fromEntries(g.nodes.map((n) => [n.id, [n.kind, n.parent]]));
    expect(kinds['b:行政楼']).toEqual(['building', 'site:s1']);
    expect(kinds['f:行政楼|1F']).toEqual(['floor', 'b:行政楼']);
    expect(kinds['r:l1']).toEqual(['room', 'f:行政楼|1F']);
    expect(kinds.core).toEqual(['device', 'r:l1']);
    expect(kinds.ap).toEqual(['device', 'site:s1']);
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    for (const n of g.nodes) if (n.parent) expect(inside(byId.get(n.parent)!, n), n.id).toBe(true);
    // A cable starts on its first device's box and ends on the other's.
    const k2 = g.edges.find((e) => e.id === 'k2')!;
    expect(inside({ ...byId.get('core')!, x: byId.get('core')!.x - 1, y: byId.get('core')!.y - 1, w: byId.get('core')!.w + 2, h: byId.get('core')!.h + 2 }, { ...k2.points[0]!, w: 0, h: 0 })).toBe(true);
    expect(k2.label).toBe('Gi0/24 – Gi0/1');
  });

  it('keeps positions a user dragged, straightens their cables and grows the containers around them', async () => {
    const g = await layout();
    const room = g.nodes.find((n) => n.id === 'r:l1')!;
    const far = { x: room.x + room.w + 400, y: room.y + 300 };
    const moved = applyPositions(g, { core: far, unknown: { x: 1, y: 1 } });
    const byId = new Map(moved.nodes.map((n) => [n.id, n]));
    expect(byId.get('core')).toMatchObject(far);
    for (const n of moved.nodes) if (n.parent) expect(inside(byId.get(n.parent)!, n), n.id).toBe(true);
    expect(moved.edges.find((e) => e.id === 'k1')!.points).toHaveLength(2);
    expect(moved.width).toBeGreaterThanOrEqual(far.x + 150);
    expect(applyPositions(g, {})).toBe(g);
  });

  it('exports an SVG with every device name escaped and coloured by health', async () => {
    const svg = topologySvg(await layout(), 'Topology & 总院');
    expect(svg).toContain('Core &lt;1&gt;');
    expect(svg).toContain('Topology &amp; 总院');
    expect(svg).toMatch(/data-device="core" data-health="incident"><rect[^>]*stroke="#b42318"/);
    expect(svg.match(/<polyline/g)).toHaveLength(3);
  });
});

describe('device health', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  it('open incidents first, then how long since the last check', () => {
    expect(deviceHealth(1, '2026-05-31T00:00:00Z', now)).toBe('incident');
    expect(deviceHealth(0, null, now)).toBe('never');
    expect(deviceHealth(0, '2026-05-01T00:00:00Z', now)).toBe('ok');
    expect(deviceHealth(0, '2025-01-01T00:00:00Z', now)).toBe('stale');
  });
});
