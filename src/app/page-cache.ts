// A micro-cache of what strangers see. A page rendered for a visitor who is not signed in is the same for every
// such visitor, so it is kept and served again while the database has not changed since (services.dataVersion),
// and for at most PAGE_CACHE_SECONDS (pages also say "listed 2 days ago"). Signed-in members always get a fresh
// render: their pages carry their own votes and forms. Never kept: a response that sets a cookie or holds a form
// token (request.personal), and a URL with query parameters the route does not read (`?x=1`, `?x=2`, … would fill
// memory). The entries are bounded by their total size (PAGE_CACHE_MB), oldest out first.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { queryIsKnown } from '../http/validate.ts';
import { byteBoundedMap, type CacheSize } from '../byte-bounded-map.ts';
import type { Services } from './services.ts';

interface Entry {
  status: number;
  type: string;
  body: string;
  version: string;
  storedAt: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The data version the page was rendered against, when it may be cached. */
    pageCacheVersion: string | null;
  }
}

const cacheable = (request: FastifyRequest) =>
  request.method === 'GET' && !request.viewer && !request.headers.authorization && !request.url.startsWith('/healthz');

/** Installs the cache; returns what it holds (entries, bytes), for /metrics. */
export function installPageCache(app: FastifyInstance, services: Services, settings: { seconds: number; maxBytes: number }): CacheSize {
  app.decorateRequest('knownQuery', null);
  if (settings.seconds <= 0) return { size: 0, bytes: 0 };
  const entries = byteBoundedMap<Entry>(settings.maxBytes, (entry) => entry.body.length * 2);
  const ttl = settings.seconds * 1000;
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
    // A page with a form token, or one that sets a cookie, belongs to one visitor and is never kept.
    if (version === null || request.personal || reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('set-cookie')) return payload;
    if (!queryIsKnown(request)) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!/^(text\/html|application\/(json|atom\+xml|rss\+xml|feed\+json))/.test(type)) return payload;
    entries.set(request.url, { status: 200, type, body: payload, version, storedAt: Date.now() });
    reply.header('x-page-cache', 'miss');
    return payload;
  });
  return entries;
}
