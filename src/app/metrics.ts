// GET /metrics in Prometheus text format: requests and latency by route, the papers indexed, the last
// successful ingest per source (for alerts), and the process's own metrics.
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { Services } from './services.ts';
import type { CacheSize } from './byte-bounded-map.ts';

export function installMetrics(app: FastifyInstance, services: Services, caches: Record<'visitors' | 'members', CacheSize>): void {
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
    collect() {
      this.set(services.search.indexedPapers());
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

  app.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
}
