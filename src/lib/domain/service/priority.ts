/**
 * Impact × urgency → priority. The matrix is the team's (serviceConfigs 'priorityMatrix');
 * the default is ITIL's 3 × 3: the sum of the two levels (2 … 6) maps to P1 … P4, so
 * high × high is P1, a high and a medium P2, medium × medium or high × low P3, the rest P4.
 */
import { PRIORITIES, type Level, type Priority } from './types';

/** matrix[impact - 1][urgency - 1] */
export type PriorityMatrix = Priority[][];

export const DEFAULT_MATRIX: PriorityMatrix = [
  ['P1', 'P2', 'P3'],
  ['P2', 'P3', 'P4'],
  ['P3', 'P4', 'P4']
];

export function isLevel(n: unknown): n is Level {
  return n === 1 || n === 2 || n === 3;
}

/** A stored matrix that is not 3 × 3 of known priorities is ignored in favour of the default. */
export function validMatrix(m: unknown): m is PriorityMatrix {
  return Array.isArray(m) && m.length === 3 && m.every((row) => Array.isArray(row) && row.length === 3 && row.every((p) => (PRIORITIES as readonly unknown[]).includes(p)));
}

export function priorityOf(impact: Level, urgency: Level, matrix: unknown = DEFAULT_MATRIX): Priority {
  if (!isLevel(impact) || !isLevel(urgency)) throw new RangeError(`impact and urgency must be 1, 2 or 3 (got ${String(impact)}, ${String(urgency)})`);
  const m = validMatrix(matrix) ? matrix : DEFAULT_MATRIX;
  return m[impact - 1]![urgency - 1]!;
}
