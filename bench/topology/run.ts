// Topology layout of 1,000 devices with elkjs (the same graph the app builds: site → building →
// floor → room, cables as a tree of uplinks plus some cross links), in Node, timed end to end.
// The peer a user would otherwise pick for a layered layout in the browser is dagre; it is not
// installed here, so only elkjs is measured (see the note printed at the end).
import ELK from 'elkjs/lib/elk.bundled.js';
import { buildGraph, toGeometry, type TopoDevice, type TopoInput, type TopoLink, type TopoLocation } from '../../src/lib/domain/network/topology';

const N = Number(process.env.N ?? 1000);
const locations: TopoLocation[] = [];
for (let b = 0; b < 5; b++) for (let f = 1; f <= 8; f++) for (let r = 1; r <= 5; r++) locations.push({ id: `l${b}-${f}-${r}`, building: `B${b}`, floor: `${f}F`, room: `${f}0${r}` });
const devices: TopoDevice[] = Array.from({ length: N }, (_, i) => ({ id: `d${i}`, name: `SW-${i}`, type: i % 10 === 0 ? 'switch' : 'accessPoint', locationId: locations[i % locations.length]!.id, health: 'ok' }));
const links: TopoLink[] = devices.slice(1).map((d, i) => ({ id: `k${i}`, fromDeviceId: `d${Math.floor(i / 8)}`, fromPort: `Gi0/${i % 48}`, toDeviceId: d.id, toPort: 'Gi0/0' }));
for (let i = 0; i < N / 20; i++) links.push({ id: `x${i}`, fromDeviceId: `d${(i * 37) % N}`, fromPort: 'x', toDeviceId: `d${(i * 91 + 5) % N}`, toPort: 'y' });
const input: TopoInput = { site: { id: 's', name: 'Site' }, locations, devices, links };

const elk = new ELK();
const runs = [];
for (let k = 0; k < Number(process.env.RUNS ?? 3); k++) {
  const t0 = performance.now();
  const { graph, meta } = buildGraph(input);
  const laid = await elk.layout(graph as never);
  const g = toGeometry(laid as never, meta, links);
  runs.push(performance.now() - t0);
  if (k === 0) console.log(`nodes ${g.nodes.length} (devices ${N}), edges ${g.edges.length}, drawing ${Math.round(g.width)} × ${Math.round(g.height)} px`);
}
const rss = process.memoryUsage().rss / 2 ** 20;
console.log(`elkjs ${N} devices: ${runs.map((r) => (r / 1000).toFixed(2) + ' s').join(', ')}; median ${((runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? 0) / 1000).toFixed(2)} s; rss ${rss.toFixed(0)} MB`);
console.log('peer: dagre is not installed in this checkout (no npm install allowed), so no comparison was run.');
