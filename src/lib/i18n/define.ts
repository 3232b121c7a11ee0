// A feature's messages in both languages. The type makes a key missing in one language a compile error.
export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

export function defineMessages<const E extends Record<string, string>>(m: { en: E; 'zh-CN': Record<keyof E, string> }): { en: E; 'zh-CN': Record<keyof E, string> } {
  return m;
}

/**
 * Replaces {name} placeholders, and chooses plural forms written ICU-style:
 * `{count, plural, one {# label} other {# labels}}` (`#` is the number, formatted for the
 * language; `=0 {…}` matches an exact value first). Forms are chosen by Intl.PluralRules for
 * `lang`, so English says "1 time" / "2 times" and Chinese needs only `other`.
 * Values are inserted as text; the UI never renders messages as HTML.
 */
export function interpolate(template: string, params?: Record<string, string | number>, lang: Lang = 'en'): string {
  if (!params) return template;
  const withPlurals = template.includes(', plural,') ? replacePlurals(template, params, lang) : template;
  return withPlurals.replace(/\{(\w+)\}/g, (whole, k: string) => (k in params ? String(params[k]) : whole));
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

function replacePlurals(template: string, params: Record<string, string | number>, lang: Lang): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = template.indexOf('{', i);
    if (start < 0) return out + template.slice(i);
    const head = /^\{(\w+), plural,/.exec(template.slice(start));
    if (!head) {
      out += template.slice(i, start + 1);
      i = start + 1;
      continue;
    }
    // Find the matching close brace of the whole plural block.
    let depth = 0;
    let end = start;
    for (; end < template.length; end++) {
      if (template[end] === '{') depth++;
      else if (template[end] === '}' && --depth === 0) break;
    }
    const body = template.slice(start + head[0].length, end);
    const forms = new Map<string, string>();
    for (const m of body.matchAll(/\s*(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g)) forms.set(m[1] ?? '', m[2] ?? '');
    const raw = params[head[1] ?? ''];
    const n = Number(raw);
    let rules = pluralRules.get(lang);
    if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
    const form = forms.get(`=${n}`) ?? forms.get(Number.isFinite(n) ? rules.select(n) : 'other') ?? forms.get('other') ?? '';
    out += template.slice(i, start) + form.replace(/#/g, Number.isFinite(n) ? n.toLocaleString(lang) : String(raw));
    i = end + 1;
  }
}

/** Picks the first supported language from the browser's list (zh-* → zh-CN, else en). */
export function pickLang(preferred: readonly string[]): Lang {
  for (const p of preferred) {
    const l = p.toLowerCase();
    if (l.startsWith('zh')) return 'zh-CN';
    if (l.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
