// GET /metrics in Prometheus text format: requests and latency by route, the papers indexed, the last
// successful ingest per source (for alerts), and the process's own metrics.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../errors.ts';
import client from 'prom-client';
import type { Services } from './services.ts';
import type { CacheSize } from '../byte-bounded-map.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Who may read /metrics: a client on this machine, or one that shows METRICS_TOKEN; the rest get a 404. */
function mayReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length === b.length && timingSafeEqual(a, b)) return true;
  }
  return LOOPBACK.has(request.ip);
}

export function installMetrics(app: FastifyInstance, services: Services, caches: Record<'visitors' | 'members', CacheSize>, token: string | undefined): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'paperboard_' });

  const requests = new client.Counter({
    name: 'paperboard_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new client.Histogram({
    name: 'paperboard_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new client.Gauge({
    name: 'paperboard_page_cache_bytes',
    help: 'What the page caches hold, in bytes (bounded by PAGE_CACHE_MB each)',
    labelNames: ['cache'] as const,
    registers: [registry],
    collect() {
      for (const [cache, held] of Object.entries(caches)) this.set({ cache }, held.bytes);
    },
  });
  new client.Gauge({
    name: 'paperboard_papers_indexed',
    help: 'Papers in the keyword index',
    registers: [registry],
    async collect() {
      this.set(await services.search.indexedPapers());
    },
  });
  new client.Gauge({
    name: 'paperboard_ingest_last_success_timestamp_seconds',
    help: 'When each ingest source last finished successfully (Unix time)',
    labelNames: ['source'] as const,
    registers: [registry],
    async collect() {
      const latest = new Map<string, number>();
      for (const run of await services.ingestRuns.latest(200)) {
        if (run.status === 'succeeded' && run.finished_at && !latest.has(run.source)) latest.set(run.source, Date.parse(run.finished_at) / 1000);
      }
      this.reset();
      for (const [source, at] of latest) this.set({ source }, at);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL: one series per route however many papers there are.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  // Request counts, cache sizes and ingest times are for the operator: loopback (a Prometheus on this host) or a token.
  // Behind a reverse proxy on this host, set TRUST_PROXY, or every client would look like loopback.
  app.get('/metrics', async (request, reply) => {
    if (!mayReadMetrics(request, token)) throw notFound(`Nothing lives at ${request.url.split('?')[0]}.`);
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
