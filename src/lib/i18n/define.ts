// A feature's messages in both languages. The type makes a key missing in one language a compile error.
export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

export function defineMessages<const E extends Record<string, string>>(m: { en: E; 'zh-CN': Record<keyof E, string> }): { en: E; 'zh-CN': Record<keyof E, string> } {
  return m;
}

/** Replaces {name} placeholders. Values are inserted as text; the UI never renders messages as HTML. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (k in params ? String(params[k]) : whole));
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
