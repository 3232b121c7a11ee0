/**
 * Security headers for every response. The CSP allows only our origin, plus what the app needs:
 * blob:/data: images (labels, photos), WebAssembly ('wasm-unsafe-eval'), same-origin workers.
 * SvelteKit's SPA shell boots from an inline <script>, so that script's SHA-256 is allowed
 * instead of opening script-src to 'unsafe-inline'. The hash is re-read whenever index.html
 * changes on disk, so a rebuild or deploy under a running server keeps the app booting.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)]
    .map((m) => m[1] ?? '')
    .filter((body) => body.trim() !== '')
    .map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
}

export function contentSecurityPolicy(scriptHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...scriptHashes].join(' '),
    "style-src 'self' 'unsafe-inline'", // Svelte style: attributes and the scanner's inline styles
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "media-src 'self' blob:",
    "frame-src 'self' blob:", // label PDF previews
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'"
  ].join('; ');
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY'
  };
}

/** Security headers for the shell at `indexPath` (if any), recomputed when the file changes. */
export function headersFor(indexPath: string | undefined): () => Record<string, string> {
  let key = '';
  let cached = securityHeaders(contentSecurityPolicy());
  return () => {
    if (indexPath === undefined) return cached;
    let next = 'missing';
    try {
      const st = statSync(indexPath);
      next = `${st.mtimeMs}:${st.size}`;
    } catch {
      // no shell (yet): no hashes
    }
    if (next !== key) {
      key = next;
      const hashes = next === 'missing' ? [] : inlineScriptHashes(readFileSync(indexPath, 'utf8'));
      cached = securityHeaders(contentSecurityPolicy(hashes));
    }
    return cached;
  };
}
