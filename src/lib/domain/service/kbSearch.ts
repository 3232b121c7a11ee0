/**
 * Offline full-text search over knowledge-base articles, for Chinese and English.
 *
 * Terms of a text (the same for documents and queries):
 *  - CJK runs (Han, kana, Hangul): every character bigram, plus the words of 3+ characters
 *    Intl.Segmenter finds in titles, tags and queries (when the platform has it). Bigrams give recall where a word segmenter and the
 *    writer disagree ("打印机卡纸" vs "打印机经常卡纸": 打印, 印机, 卡纸 match though the query's
 *    words never appear together); segmenter words lift exact words in the ranking.
 *  - other letters and digits: lowercased (NFKC, so full-width ＡＢＣ１ is abc1) and lightly
 *    stemmed (plural s/es/ies, -ing, -ed, doubled final consonant), so "jammed" finds "jams".
 * Ranking: BM25 (k1 1.2, b 0.5) with field weights title 3, tags 2, body 1, times the square
 * of the share of query terms a document holds; documents holding under half of them are
 * dropped, so a long query does not return everything that shares one bigram. The last Latin
 * word of a query also matches as a prefix (search while typing), at half weight.
 * A single CJK character matches every bigram containing it.
 *
 * Invariants: a document is found by any query whose terms it holds all of; re-adding an id
 * replaces its document; removal is a tombstone, compacted when a third of the slots are dead.
 * Postings pack (doc slot, weighted tf) into one number: slot · 256 + min(tf, 255).
 */

export interface IndexDoc { id: string; title: string; body: string; tags: readonly string[] }
export interface Hit { id: string; score: number }

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

let segmenter: Intl.Segmenter | null | undefined;
function zhSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  return segmenter;
}

export function stem(w: string): string {
  if (w.length <= 3 || /\d/.test(w)) return w;
  let s = w;
  if (s.endsWith('ies') && s.length > 4) s = s.slice(0, -3) + 'y';
  else if (/(ches|shes|sses|xes)$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us')) s = s.slice(0, -1);
  if (s.endsWith('ing') && s.length > 5) s = s.slice(0, -3);
  else if (s.endsWith('ed') && s.length > 4) s = s.slice(0, -2);
  if (s.length > 3 && s.at(-1) === s.at(-2) && !/[aeioulsz]/.test(s.at(-1)!)) s = s.slice(0, -1);
  return s;
}

/** Terms of a text, with repeats (their counts are the term frequencies). */
export function terms(text: string, segment = true): string[] {
  const norm = text.normalize('NFKC').toLowerCase();
  const out: string[] = [];
  for (const m of norm.replace(CJK, ' ').matchAll(WORD)) out.push(stem(m[0]));
  for (const m of norm.matchAll(CJK)) {
    const run = m[0];
    const chars = [...run];
    if (chars.length === 1) out.push(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    const seg = segment && chars.length > 2 ? zhSegmenter() : null;
    if (seg) for (const s of seg.segment(run)) if (s.isWordLike && [...s.segment].length > 2) out.push(s.segment);
  }
  return out;
}

const FIELDS = [['title', 3], ['tags', 2], ['body', 1]] as const;
const K1 = 1.2;
const B = 0.5;

export class KbIndex {
  #postings = new Map<string, number[]>();
  #ids: string[] = [];
  #len: number[] = [];
  #slot = new Map<string, number>();
  #dead = new Set<number>();
  #totalLen = 0;
  #sortedLatin: string[] | null = null;
  readonly #segment: boolean;

  constructor(docs: Iterable<IndexDoc> = [], opts: { segment?: boolean } = {}) {
    this.#segment = opts.segment ?? true;
    for (const d of docs) this.add(d);
  }

  get size(): number {
    return this.#slot.size;
  }

  add(doc: IndexDoc): void {
    this.remove(doc.id);
    const slot = this.#ids.length;
    const tf = new Map<string, number>();
    let len = 0;
    for (const [field, weight] of FIELDS) {
      const text = field === 'tags' ? doc.tags.join(' ') : doc[field];
      // Segmenter words for the short fields only: on bodies it costs 8× the bigrams and adds little.
      for (const t of terms(text, this.#segment && field !== 'body')) {
        tf.set(t, (tf.get(t) ?? 0) + weight);
        len++;
      }
    }
    for (const [t, n] of tf) {
      let p = this.#postings.get(t);
      if (!p) {
        this.#postings.set(t, (p = []));
        this.#sortedLatin = null;
      }
      p.push(slot * 256 + Math.min(n, 255));
    }
    this.#ids.push(doc.id);
    this.#len.push(len);
    this.#totalLen += len;
    this.#slot.set(doc.id, slot);
  }

  remove(id: string): void {
    const slot = this.#slot.get(id);
    if (slot === undefined) return;
    this.#slot.delete(id);
    this.#dead.add(slot);
    this.#totalLen -= this.#len[slot]!;
    if (this.#dead.size * 3 > this.#ids.length && this.#ids.length > 30) this.#compact();
  }

  #compact(): void {
    const remap = new Map<number, number>();
    const ids: string[] = [];
    const len: number[] = [];
    this.#ids.forEach((id, slot) => {
      if (this.#dead.has(slot)) return;
      remap.set(slot, ids.length);
      this.#slot.set(id, ids.length);
      ids.push(id);
      len.push(this.#len[slot]!);
    });
    for (const [t, p] of this.#postings) {
      const next: number[] = [];
      for (const e of p) {
        const s = remap.get(Math.floor(e / 256));
        if (s !== undefined) next.push(s * 256 + (e % 256));
      }
      if (next.length) this.#postings.set(t, next);
      else this.#postings.delete(t);
    }
    this.#ids = ids;
    this.#len = len;
    this.#dead.clear();
    this.#sortedLatin = null;
  }

  /** Index terms that start with `prefix` (Latin only), from a sorted list built on demand. */
  #withPrefix(prefix: string): string[] {
    this.#sortedLatin ??= [...this.#postings.keys()].filter((k) => !HAS_CJK.test(k)).sort();
    const list = this.#sortedLatin;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < list.length && list[i]!.startsWith(prefix) && out.length < 50; i++) out.push(list[i]!);
    return out;
  }

  /** Alternatives for each query term: [index term, weight][]; a query term is matched by any of them. */
  #expand(query: string): [string, number][][] {
    const qs = [...new Set(terms(query, this.#segment))];
    const raw = query.normalize('NFKC').toLowerCase();
    const lastLatin = /[\p{L}\p{N}]+$/u.exec(raw)?.[0];
    return qs.map((q) => {
      const alts: [string, number][] = [[q, 1]];
      if ([...q].length === 1 && HAS_CJK.test(q)) {
        for (const k of this.#postings.keys()) if (k.length === 2 && k.includes(q)) alts.push([k, 0.5]);
      } else if (lastLatin && !HAS_CJK.test(lastLatin) && q === stem(lastLatin) && q.length >= 2) {
        for (const k of this.#withPrefix(lastLatin)) if (k !== q) alts.push([k, 0.5]);
      }
      return alts;
    });
  }

  search(query: string, limit = 50): Hit[] {
    const groups = this.#expand(query);
    if (groups.length === 0 || this.#slot.size === 0) return [];
    const n = this.#slot.size;
    const avg = this.#totalLen / n || 1;
    // Dense arrays over slots rather than maps: a common bigram has postings in most articles.
    const slots = this.#ids.length;
    const score = new Float64Array(slots);
    const matched = new Uint16Array(slots);
    const lastGroup = new Int32Array(slots).fill(-1);
    const touched: number[] = [];
    groups.forEach((alts, g) => {
      for (const [term, w] of alts) {
        const p = this.#postings.get(term);
        if (!p) continue;
        const idf = Math.log(1 + (n - p.length + 0.5) / (p.length + 0.5)) * w;
        for (const e of p) {
          const slot = (e / 256) | 0;
          const tf = e & 255;
          const norm = (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.#len[slot]!) / avg));
          if (lastGroup[slot] === -1) touched.push(slot);
          score[slot]! += idf * norm;
          if (lastGroup[slot] !== g) {
            lastGroup[slot] = g;
            matched[slot]!++;
          }
        }
      }
    });
    const hits: Hit[] = [];
    for (const slot of touched) {
      if (this.#dead.has(slot)) continue;
      const share = matched[slot]! / groups.length;
      if (share < 0.5) continue;
      hits.push({ id: this.#ids[slot]!, score: score[slot]! * share * share });
    }
    hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return hits.slice(0, limit);
  }
}
