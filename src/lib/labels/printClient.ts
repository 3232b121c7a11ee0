// The sync server's print endpoint: the only way the app reaches a network label printer.
import type { Dpi } from './zpl';

export interface PrinterInfo { id: string; name: string; dpi: Dpi }

export type SendResult =
  | { ok: true; bytes: number }
  | { ok: false; reason: 'unreachable' | 'unknownPrinter' | 'unauthorized' | 'refused' | 'network'; message: string };

export interface ClientOptions {
  base?: string;
  token?: string | null;
  fetch?: typeof fetch;
}

function headers(o: ClientOptions): Record<string, string> {
  return { 'content-type': 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) };
}

export async function listPrinters(o: ClientOptions = {}): Promise<PrinterInfo[]> {
  const f = o.fetch ?? fetch;
  const res = await f(`${o.base ?? ''}/api/printers`, { headers: headers(o) });
  if (!res.ok) throw new Error(`printers: HTTP ${res.status}`);
  return (await res.json()) as PrinterInfo[];
}

export async function sendZpl(printerId: string, zpl: string, o: ClientOptions = {}): Promise<SendResult> {
  const f = o.fetch ?? fetch;
  let res: Response;
  try {
    res = await f(`${o.base ?? ''}/api/print`, { method: 'POST', headers: headers(o), body: JSON.stringify({ printerId, zpl }) });
  } catch (e) {
    return { ok: false, reason: 'network', message: e instanceof Error ? e.message : String(e) };
  }
  const body = (await res.json().catch(() => ({}))) as { bytes?: number; error?: string; message?: string };
  if (res.ok) return { ok: true, bytes: body.bytes ?? 0 };
  const reason = res.status === 502 ? 'unreachable' : res.status === 404 ? 'unknownPrinter' : res.status === 401 ? 'unauthorized' : 'refused';
  return { ok: false, reason, message: body.message ?? body.error ?? `HTTP ${res.status}` };
}

export function downloadBytes(bytes: Uint8Array | string, filename: string, mime: string): void {
  const blob = new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
