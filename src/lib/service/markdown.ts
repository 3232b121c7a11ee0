/**
 * Article bodies: Markdown → HTML with marked, then DOMPurify, so no raw HTML an author (or a
 * synced record from a compromised tablet) writes survives: scripts, event handlers,
 * javascript: and data: links, SVG and MathML are removed; links open in a new tab without
 * the opener. The purifier is injected so tests run it in Node over jsdom.
 */
import { Marked } from 'marked';
import createDOMPurify, { type DOMPurify, type WindowLike } from 'dompurify';

const marked = new Marked({ gfm: true, breaks: true, async: false });

const CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
  FORBID_ATTR: ['style', 'srcset'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|blob:|#|\/(?!\/))/i
};

const purifiers = new WeakMap<object, DOMPurify>();

function purifierFor(win: WindowLike): DOMPurify {
  let p = purifiers.get(win);
  if (!p) {
    p = createDOMPurify(win);
    p.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.getAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    purifiers.set(win, p);
  }
  return p;
}

/**
 * Images and links to an article's attachments are written `![name](attachment:<id>)`; `urls`
 * maps attachment ids to object URLs of bytes on this tablet. An id without bytes here keeps its
 * `attachment:` URL, which the sanitiser drops (not an allowed scheme): the alt text remains.
 */
export function resolveAttachments(src: string, urls: Readonly<Record<string, string>>): string {
  return src.replace(/\]\(attachment:([0-9a-zA-Z-]+)/g, (whole, id: string) => {
    const url = Object.hasOwn(urls, id) ? urls[id] : undefined;
    return url ? `](${url}` : whole;
  });
}

/** Safe HTML of a Markdown text, for {@html}. `win` defaults to the browser's window. */
export function renderMarkdown(src: string, win: WindowLike = window, urls?: Readonly<Record<string, string>>): string {
  const html = marked.parse(urls ? resolveAttachments(src, urls) : src) as string;
  return purifierFor(win).sanitize(html, CONFIG);
}

/** Plain text of a Markdown body (search snippets, list excerpts): no markup at all. */
export function markdownExcerpt(src: string, max = 140): string {
  const text = src
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[*_`~]+/g, '')
    .replace(/[#>|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
