// KB search latency over 5,000 articles (issue 10): our in-memory index (bigrams + Intl.Segmenter,
// BM25) against what a naive offline app does: a substring scan (`includes`) over every article.
// No search package is installed here (MiniSearch, FlexSearch), so the peer is the naive scan.
// Usage: npx tsx bench/kb/run.ts [articles=5000]
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';
import { KbIndex } from '../../src/lib/domain/service/kbSearch';
import { articles, QUERIES } from './workload';

const N = Number(process.argv[2] ?? 5000);
const REPS = 20;
const docs = articles(N, 42);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const ms = (x: number) => x.toFixed(3);

function build(segment: boolean): { index: KbIndex; ms: number } {
  const t0 = performance.now();
  const index = new KbIndex(docs, { segment });
  return { index, ms: performance.now() - t0 };
}

const texts = docs.map((d) => `${d.title}\n${d.tags.join(' ')}\n${d.body}`.toLowerCase());
function naive(q: string): number {
  const needle = q.toLowerCase();
  let n = 0;
  for (const t of texts) if (t.includes(needle)) n++;
  return n;
}

function time(fn: (q: string) => number, queries: readonly string[]): { times: number[]; found: number[] } {
  const times: number[] = [];
  const found: number[] = [];
  for (const q of queries) fn(q); // warm-up
  for (let r = 0; r < REPS; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      const n = fn(q);
      times.push(performance.now() - t0);
      if (r === 0) found.push(n);
    }
  }
  return { times, found };
}

const seg = build(true);
const bigrams = build(false);
const heap = process.memoryUsage().heapUsed / 2 ** 20;
console.log(`# KB search, ${N} articles (${docs.reduce((s, d) => s + d.body.length + d.title.length, 0).toLocaleString()} characters), ${cpus()[0]?.model ?? '?'} × ${cpus().length}, Node ${process.version}`);
console.log(`index build: ${ms(seg.ms)} ms with Intl.Segmenter words, ${ms(bigrams.ms)} ms bigrams only; heap after both ${heap.toFixed(0)} MiB`);
console.log('| queries | engine | p50 ms | p95 ms | max ms | articles found (sum over queries) |');
console.log('|---|---|---|---|---|---|');
for (const [lang, qs] of Object.entries(QUERIES)) {
  const ours = time((q) => seg.index.search(q).length, qs);
  const oursAll = time((q) => seg.index.search(q, 10_000).length, qs);
  const peer = time(naive, qs);
  const row = (name: string, r: { times: number[]; found: number[] }) => console.log(`| ${lang} (${qs.length}) | ${name} | ${ms(pct(r.times, 50))} | ${ms(pct(r.times, 95))} | ${ms(Math.max(...r.times))} | ${r.found.reduce((a, b) => a + b, 0)} |`);
  row('ours, top 50', ours);
  row('ours, all hits', oursAll);
  row('naive includes()', peer);
  const missed = qs.filter((_, i) => peer.found[i] === 0 && oursAll.found[i]! > 0);
  if (missed.length) console.log(`|  | naive finds nothing for | ${missed.join(' · ')} | | | |`);
}
