/**
 * Hybrid logical clock (HLC).
 *
 * A timestamp is the string `TTTTTTTTTTTTTTT-CCCC-NODE`: wall time in ms, zero-padded to 15
 * digits; a 4-hex-digit counter; the node (tablet) id. Fixed width, so string order is clock
 * order and ties break on the node id, which makes `(hlc, nodeId)` a total order.
 *
 * Invariants:
 * - every timestamp a node issues is greater than any it issued or received before, even when
 *   the wall clock jumps back (the counter carries the order until wall time catches up);
 * - physical time is `Date.now() + offset`, the offset being measured from the server on sync,
 *   so one tablet's wrong clock does not run ahead of everyone else's;
 * - a received timestamp more than MAX_DRIFT_MS ahead of our physical time is clamped, not adopted.
 */
import { HLC_RE, MAX_DRIFT_MS } from './wire';

export { MAX_DRIFT_MS };

export interface HlcState {
  wall: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffff;

export function formatHlc(s: HlcState): string {
  return `${String(s.wall).padStart(15, '0')}-${s.counter.toString(16).toUpperCase().padStart(4, '0')}-${s.node}`;
}


export function parseHlc(s: string): HlcState | null {
  const m = HLC_RE.exec(s);
  if (!m) return null;
  return { wall: Number(m[1]), counter: parseInt(m[2]!, 16), node: m[3]! };
}

/** Next local timestamp. Pure: returns the new state; the caller persists it. */
export function tick(prev: HlcState, physicalNow: number): HlcState {
  if (physicalNow > prev.wall) return { wall: physicalNow, counter: 0, node: prev.node };
  if (prev.counter < MAX_COUNTER) return { wall: prev.wall, counter: prev.counter + 1, node: prev.node };
  // Counter exhausted within one millisecond: borrow the next millisecond rather than wrap.
  return { wall: prev.wall + 1, counter: 0, node: prev.node };
}

/** Merges a remote timestamp into our state (on pull), clamping remote clocks that run far ahead. */
export function receive(prev: HlcState, remote: string, physicalNow: number): HlcState {
  const r = parseHlc(remote);
  if (!r) return tick(prev, physicalNow);
  const remoteWall = Math.min(r.wall, physicalNow + MAX_DRIFT_MS);
  const wall = Math.max(prev.wall, remoteWall, physicalNow);
  let counter: number;
  if (wall === prev.wall && wall === remoteWall) counter = Math.max(prev.counter, r.counter) + 1;
  else if (wall === prev.wall) counter = prev.counter + 1;
  else if (wall === remoteWall) counter = r.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, node: prev.node };
  return { wall, counter, node: prev.node };
}
