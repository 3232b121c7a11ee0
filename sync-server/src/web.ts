/**
 * Serves the built SPA and answers everything no route matched.
 * - real files from staticDir; hashed `/_app/immutable/` assets cached for a year;
 * - index.html, sw.js, registerSW.js and manifest.webmanifest `no-cache`, so a deploy reaches
 *   tablets on their next online start;
 * - any other GET/HEAD outside /api that asks for HTML gets index.html (SPA deep links);
 * - anything else, and every unknown /api path, is a JSON 404.
 */
import { existsSync } from 'node:fs';
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
      allowedPath: (path) => !isApi(path),
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
