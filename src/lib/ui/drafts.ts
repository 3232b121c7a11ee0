// Unsaved form input, kept in localStorage as it is typed, so that a reload, an update or a
// crashed tab never loses what the technician entered.
const PREFIX = 'assetwalk.draft.';

export function loadDraft<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, value: unknown): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // A full disk must not break typing; the form still holds the input.
  }
}

export function clearDraft(key: string): void {
  localStorage.removeItem(PREFIX + key);
}
