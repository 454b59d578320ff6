// A micro-cache of what strangers see. A page rendered for a visitor who is not signed in is the same for every
// such visitor, so it is kept and served again while the database has not changed since (services.dataVersion),
// and for at most PAGE_CACHE_SECONDS (pages also say "listed 2 days ago"). Signed-in members always get a fresh
// render: their pages carry their own votes and forms. Responses that set a cookie are never kept.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from './services.ts';

interface Entry {
  status: number;
  type: string;
  body: string;
  version: string;
  storedAt: number;
}

const MAX_ENTRIES = 2000;

declare module 'fastify' {
  interface FastifyRequest {
    /** The data version the page was rendered against, when it may be cached. */
    pageCacheVersion: string | null;
  }
}

const cacheable = (request: FastifyRequest) =>
  request.method === 'GET' && !request.viewer && !request.headers.authorization && !request.url.startsWith('/healthz');

export function installPageCache(app: FastifyInstance, services: Services, seconds: number): void {
  if (seconds <= 0) return;
  const entries = new Map<string, Entry>();
  const ttl = seconds * 1000;
  app.decorateRequest('pageCacheVersion', null);

  // After the viewer is known (onRequest), before any route work.
  app.addHook('preHandler', async (request, reply) => {
    if (!cacheable(request)) return;
    const version = services.dataVersion();
    const entry = entries.get(request.url);
    if (entry && entry.version === version && Date.now() - entry.storedAt < ttl) {
      return reply.status(entry.status).type(entry.type).header('x-page-cache', 'hit').send(entry.body);
    }
    request.pageCacheVersion = version;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const version = request.pageCacheVersion;
    if (version === null || reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('set-cookie')) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!/^(text\/html|application\/(json|atom\+xml|rss\+xml|feed\+json))/.test(type)) return payload;
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string); // oldest first
    entries.delete(request.url);
    entries.set(request.url, { status: 200, type, body: payload, version, storedAt: Date.now() });
    reply.header('x-page-cache', 'miss');
    return payload;
  });
}
