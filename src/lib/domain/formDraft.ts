/**
 * Unsaved form input ("drafts"): what a form starts from, and whether there is anything to
 * restore. A draft that equals what the form would show anyway (the stored record, or the empty
 * new-device form) is no unsaved input: it is neither announced nor kept.
 */

/** Structural equality of plain JSON-like values (key order does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export interface Restored<T> {
  value: T;
  /** True only when the draft held input that differs from `initial`. */
  restored: boolean;
}

/**
 * The form's starting value: the stored draft when there is one, else `initial`; `override`
 * (e.g. the asset number a scanned label carries into "register a new device") wins over both,
 * because it is what the technician just asked for.
 */
export function startFrom<T extends object>(draft: T | null, initial: T, override: Partial<T> = {}): Restored<T> {
  const base = draft ?? initial;
  const value = { ...base, ...override };
  const restored = draft !== null && !sameValue({ ...draft, ...override }, { ...initial, ...override });
  return { value, restored };
}
