// Persistent storage and quota, as far as the browser tells.
export interface StorageInfo {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

export async function storageInfo(): Promise<StorageInfo> {
  const s = navigator.storage;
  if (!s) return { persisted: null, usage: null, quota: null };
  const [persisted, estimate] = await Promise.all([s.persisted?.() ?? Promise.resolve(null), s.estimate?.() ?? Promise.resolve(null)]);
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

/** Asks the browser not to evict our data; Chromium grants it to installed or engaged sites. */
export async function requestPersistence(): Promise<boolean> {
  return (await navigator.storage?.persist?.()) ?? false;
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}
