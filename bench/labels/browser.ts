// Browser entry of the benchmark (bundled by run.ts with esbuild for Chromium).
import { fetchFontSource } from '../../src/lib/labels/fonts';
import { ours } from './ours';
import { peer } from './peer';
import { makeItems } from './workload';

async function run(which: 'ours' | 'ours-zh' | 'peer'): Promise<{ ms: number; size: number; pages: number; pdf?: string }> {
  const items = makeItems(undefined, which === 'ours-zh');
  const r = which === 'peer' ? await peer(items) : await ours(items, fetchFontSource);
  let pdf: string | undefined;
  if (which === 'ours') {
    let s = '';
    for (let i = 0; i < r.bytes.length; i += 0x8000) s += String.fromCharCode(...r.bytes.subarray(i, i + 0x8000));
    pdf = btoa(s);
  }
  return { ms: r.ms, size: r.bytes.length, pages: r.pages, pdf };
}

(globalThis as unknown as { bench: typeof run }).bench = run;
