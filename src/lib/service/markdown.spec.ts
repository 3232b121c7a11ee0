import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import type { WindowLike } from 'dompurify';
import { markdownExcerpt, renderMarkdown } from './markdown';

const win = new JSDOM('').window as unknown as WindowLike;
const render = (s: string) => renderMarkdown(s, win);

/** Parses the output as a browser would and lists everything that could run code. */
function dangers(html: string): string[] {
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  const found: string[] = [];
  for (const el of doc.body.querySelectorAll('*')) {
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'STYLE', 'FORM'].includes(el.tagName.toUpperCase())) found.push(el.tagName);
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push(`${el.tagName}@${a.name}`);
      if (['href', 'src', 'xlink:href', 'action', 'formaction'].includes(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)) found.push(`${el.tagName}@${a.name}=${a.value}`);
    }
  }
  return found;
}

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    const html = render('# 打印机卡纸\n\n1. 打开前盖\n2. **取出**硒鼓\n\n[手册](https://example.com/m.pdf)');
    expect(html).toContain('<h1>打印机卡纸</h1>');
    expect(html).toContain('<strong>取出</strong>');
    expect(html).toContain('href="https://example.com/m.pdf"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>'],
    ['an image with onerror', '<img src=x onerror="alert(1)">'],
    ['an svg with onload', '<svg onload="alert(1)"><circle r="4"/></svg>'],
    ['a Markdown javascript: link', '[click](javascript:alert(1))'],
    ['an HTML javascript: link', '<a href="javascript:alert(1)">x</a>'],
    ['an entity-encoded javascript: link', '<a href="&#106;avascript:alert(1)">x</a>'],
    ['a data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a Markdown image with a javascript: source', '![x](javascript:alert(1))'],
    ['an event handler in a details tag', '<details open ontoggle="alert(1)">x</details>'],
    ['a style tag', '<style>body{display:none}</style>']
  ])('removes %s', (_name, payload) => {
    const html = render(`before\n\n${payload}\n\nafter`);
    expect(dangers(html)).toEqual([]);
    expect(html).toContain('before');
    expect(html).toContain('after');
    expect(html.toLowerCase()).not.toContain('javascript:');
    expect(html).not.toMatch(/<script/i);
  });

  it('keeps harmless inline HTML out of reach too: only the allowed tags remain', () => {
    expect(render('<b onclick="x()">bold</b>')).toBe('<p><b>bold</b></p>\n');
  });
});

describe('markdownExcerpt', () => {
  it('gives plain text', () => {
    expect(markdownExcerpt('## 步骤\n\n**取出**硒鼓，见[手册](https://x)。<img src=x onerror=1>')).toBe('步骤 取出硒鼓，见手册。');
  });
});

describe('attachment images', () => {
  it('points an attachment reference at the bytes on this tablet, and drops one it cannot resolve', () => {
    const urls = { a1: 'blob:http://127.0.0.1/1234' };
    const html = renderMarkdown('![面板](attachment:a1)\n\n![缺](attachment:zz)', win, urls);
    expect(html).toContain('<img src="blob:http://127.0.0.1/1234" alt="面板">');
    expect(html).toContain('alt="缺"');
    expect(html).not.toContain('attachment:');
  });
});
