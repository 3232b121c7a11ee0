/**
 * Serves the built SPA and answers everything no route matched.
 * - real files from staticDir; hashed `/_app/immutable/` assets cached for a year;
 * - index.html, sw.js, registerSW.js and manifest.webmanifest `no-cache`, so a deploy reaches
 *   tablets on their next online start;
 * - any other GET/HEAD outside /api that asks for HTML gets index.html (SPA deep links);
 * - no dotfiles, and no path through a symbolic link: a link dropped into the static folder
 *   (by a careless deploy or an attacker with write access there) never exposes files outside it;
 * - anything else, and every unknown /api path, is a JSON 404.
 */
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const NO_CACHE = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function cacheControlFor(urlPath: string): string {
  if (urlPath.includes('/_app/immutable/')) return IMMUTABLE;
  const name = urlPath.split('/').pop() ?? '';
  if (NO_CACHE.has(name) || name.endsWith('.html')) return 'no-cache';
  return 'public, max-age=3600';
}

function wantsHtml(req: FastifyRequest): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
}

const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/** True when `urlPath` under `root` resolves to itself: no component of it is a symbolic link. */
export function noSymlinks(root: string, urlPath: string): boolean {
  let full: string;
  try {
    full = join(realpathSync(root), decodeURIComponent(urlPath)).replace(/(.)[\\/]+$/, '$1');
  } catch {
    return false; // a malformed escape
  }
  try {
    return realpathSync(full) === full;
  } catch {
    return true; // missing: the static plugin answers 404
  }
}

export async function registerWeb(app: FastifyInstance, staticDir: string | undefined): Promise<void> {
  // Checked per request: a build made while the server runs is picked up without a restart.
  const hasShell = (): boolean => staticDir !== undefined && existsSync(join(staticDir, 'index.html'));
  if (staticDir !== undefined && existsSync(staticDir)) {
    await app.register(fastifyStatic, {
      root: staticDir,
      prefix: '/',
      wildcard: true,
      cacheControl: false,
      serveDotFiles: false,
      dotfiles: 'ignore', // serveDotFiles only filters the start-up glob; this is what refuses /.env at request time
      allowedPath: (path) => !isApi(path) && noSymlinks(staticDir, path),
      setHeaders: (reply, filePath) => {
        const rel = filePath.slice(staticDir.length).replaceAll('\\', '/');
        reply.header('cache-control', cacheControlFor(rel));
      }
    });
  }
  if (!hasShell()) app.log.warn('no built web app (index.html) in the static directory; only /api is served');

  app.setNotFoundHandler(async (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (!isApi(path) && wantsHtml(req) && hasShell()) {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({ error: 'not-found', message: `no route for ${req.method} ${path}` });
  });
}
