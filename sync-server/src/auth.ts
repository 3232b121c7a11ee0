// The bearer token of a request, verified against the store: the one place routes learn scope.
import type { FastifyRequest } from 'fastify';
import type { Store, TokenScope } from './store/index.ts';

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/;

/** The token's scope, or null when the header is missing, malformed, expired or revoked. */
export async function bearerScope(req: FastifyRequest, store: Store, now: number): Promise<TokenScope | null> {
  const m = BEARER.exec(req.headers.authorization ?? '');
  return m ? store.verifyToken(m[1]!, now) : null;
}
