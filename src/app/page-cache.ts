// A micro-cache of what strangers see. A page rendered for a visitor who is not signed in is the same for every
// such visitor, so it is kept and served again while the database has not changed since (services.dataVersion),
// and for at most PAGE_CACHE_SECONDS (pages also say "listed 2 days ago"). Signed-in members always get a fresh
// render: their pages carry their own votes and forms. Never kept: a response that sets a cookie or holds a form
// token (request.personal), and a URL with query parameters the route does not read (`?x=1`, `?x=2`, … would fill
// memory). The entries are bounded by their total size (PAGE_CACHE_MB), oldest out first.
//
// Concurrent misses are coalesced: when a page expires under load, one request renders it and the others serve the
// expired page while it does (stale while revalidating) or, with nothing to serve, wait for that one render (at most
// COALESCE_WAIT_MS). On PostgreSQL an uncached paper page takes 24–49 ms; at 100 connections every expiry used to
// render it for every waiting request, and requests took 10 s.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
    /** Set on the one request rendering a URL that others wait for: settled when its response is sent. */
    pageCacheRender: Render | null;
  }
}

/** One render in progress, that requests for the same URL wait on instead of rendering it again. */
interface Render {
  url: string;
  startedAt: number;
  settle(entry: Entry | null): void;
  done: Promise<Entry | null>;
}

/** How long a request waits for another's render of the same page before rendering it itself. */
const COALESCE_WAIT_MS = 5_000;
/** A render older than this is taken as lost (its client went away before onResponse): the next request renders. */
const RENDER_LOST_MS = 15_000;

function startRender(url: string): Render {
  let settle: (entry: Entry | null) => void = () => undefined;
  const done = new Promise<Entry | null>((resolve) => {
    settle = resolve;
  });
  return { url, startedAt: Date.now(), settle, done };
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | null> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });

const cacheable = (request: FastifyRequest) =>
  request.method === 'GET' && !request.viewer && !request.headers.authorization && !request.url.startsWith('/healthz');

/** Installs the cache; returns what it holds (entries, bytes), for /metrics. */
export function installPageCache(app: FastifyInstance, services: Services, settings: { seconds: number; maxBytes: number }): CacheSize {
  app.decorateRequest('knownQuery', null);
  if (settings.seconds <= 0) return { size: 0, bytes: 0 };
  const entries = byteBoundedMap<Entry>(settings.maxBytes, (entry) => entry.body.length * 2);
  const ttl = settings.seconds * 1000;
  app.decorateRequest('pageCacheVersion', null);
  app.decorateRequest('pageCacheRender', null);
  const rendering = new Map<string, Render>();
  const send = (reply: FastifyReply, entry: Entry, how: string) => reply.status(entry.status).type(entry.type).header('x-page-cache', how).send(entry.body);

  // After the viewer is known (onRequest), before any route work.
  app.addHook('preHandler', async (request, reply) => {
    if (!cacheable(request)) return;
    const version = services.dataVersion();
    const entry = entries.get(request.url);
    if (entry && entry.version === version && Date.now() - entry.storedAt < ttl) return send(reply, entry, 'hit');
    const other = rendering.get(request.url);
    if (other && Date.now() - other.startedAt < RENDER_LOST_MS) {
      if (entry) return send(reply, entry, 'stale'); // another request is rendering it anew: the last one will do meanwhile
      const rendered = await within(other.done, COALESCE_WAIT_MS);
      if (rendered) return send(reply, rendered, 'coalesced');
    } else {
      const render = startRender(request.url);
      rendering.set(request.url, render);
      request.pageCacheRender = render;
    }
    request.pageCacheVersion = version;
  });

  /** The render is over (kept or not): whoever waits on it goes on. */
  const finish = (request: FastifyRequest, entry: Entry | null) => {
    const render = request.pageCacheRender;
    if (!render) return;
    request.pageCacheRender = null;
    if (rendering.get(render.url) === render) rendering.delete(render.url);
    render.settle(entry);
  };
  // Callback hooks, not async ones: they run on every request, and most have no render to finish.
  app.addHook('onResponse', (request, _reply, done) => {
    if (request.pageCacheRender) finish(request, null);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    if (request.pageCacheRender) finish(request, null);
    done();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const version = request.pageCacheVersion;
    // A page with a form token, or one that sets a cookie, belongs to one visitor and is never kept.
    if (version === null || request.personal || reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('set-cookie')) return payload;
    if (!queryIsKnown(request)) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!/^(text\/html|application\/(json|atom\+xml|rss\+xml|feed\+json))/.test(type)) return payload;
    const entry = { status: 200, type, body: payload, version, storedAt: Date.now() };
    entries.set(request.url, entry);
    finish(request, entry);
    reply.header('x-page-cache', 'miss');
    return payload;
  });
  return entries;
}
