/**
 * Lays out a topology with elkjs in a Web Worker, so a large site never freezes the page.
 * elkjs ships its layout engine as elk-worker.min.js, a classic worker script: Vite emits it
 * as an asset (`?url`, precached with the app, so layout works offline) and elk-api talks to it.
 * One worker for the page's lifetime; a layout that fails surfaces as a rejected promise.
 */
import ELK from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';
import { buildGraph, toGeometry, type TopoGeometry, type TopoInput } from '$lib/domain/network/topology';

let elk: InstanceType<typeof ELK> | null = null;

/** The geometry as ELK laid it out; apply dragged positions with applyPositions(). */
export async function layoutTopology(input: TopoInput): Promise<TopoGeometry> {
  elk ??= new ELK({ workerFactory: () => new Worker(workerUrl) });
  const { graph, meta } = buildGraph(input);
  const laid = await elk.layout(graph as Parameters<InstanceType<typeof ELK>['layout']>[0]);
  return toGeometry(laid as never, meta, input.links);
}
