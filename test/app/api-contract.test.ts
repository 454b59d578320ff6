import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dailyPaperJsonSchema, trendingJsonSchema } from '../../src/feed/feed.schema.ts';
import { paperJsonSchema } from '../../src/papers/papers.schema.ts';
import { searchResponseSchema } from '../../src/search/search.schema.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { kaggleSample } from '../helpers/paths.ts';

describe('API contract: OpenAPI and metrics', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ services }) => void (await services.importer.importFile(kaggleSample)));
  });
  after(() => app.close());

  it('answers with exactly the documented shapes', async () => {
    paperJsonSchema.strict().parse(await (await app.get('/api/papers/0704.0001')).json());
    searchResponseSchema.parse(await (await app.get('/api/search?q=diphoton')).json());
    const daily = (await (await app.get('/api/daily_papers?date=2007-04-02')).json()) as unknown[];
    for (const item of daily) dailyPaperJsonSchema.strict().parse(item);
    const trending = (await (await app.get('/api/trending?limit=5')).json()) as unknown[];
    assert.equal(trending.length, 5);
    for (const item of trending) trendingJsonSchema.strict().parse(item);
  });

  it('describes the JSON API as OpenAPI 3.1, with the routes’ own parameters', async () => {
    const doc = (await (await app.get('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, { get: { parameters: Array<{ name: string; required: boolean; schema: Record<string, unknown> }>; responses: Record<string, unknown> } }>;
    };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/api/authors/{name}', '/api/categories/{cat}', '/api/daily_papers', '/api/papers', '/api/papers/{id}', '/api/papers/{id}/code', '/api/papers/{id}/code/{repository}', '/api/papers/{id}/code/{repository}/confirm', '/api/papers/{id}/comments', '/api/papers/{id}/similar', '/api/papers/{id}/upvote', '/api/search', '/api/subscriptions',
      '/api/subscriptions/me', '/api/suggest', '/api/trending', '/healthz',
    ]);
    const writes = doc.paths as unknown as Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>>;
    assert.ok(writes['/api/papers']?.post?.requestBody && writes['/api/papers']?.post?.security);
    assert.ok(writes['/api/papers/{id}/upvote']?.delete?.security);
    const codeLink = doc.paths['/api/papers/{id}/code'] as unknown as { post: { responses: Record<string, { content?: { 'application/json': { schema: { properties: Record<string, unknown> } } } }> } };
    assert.deepEqual(Object.keys(codeLink.post.responses['201']?.content?.['application/json'].schema.properties ?? {}).sort(), ['framework', 'host', 'name', 'official', 'owner', 'source', 'stars', 'starsPerDay', 'url']);
    const removal = doc.paths['/api/papers/{id}/code/{repository}'] as unknown as { delete: { responses: Record<string, { content?: unknown }> } };
    assert.ok(removal.delete.responses['204'] && !removal.delete.responses['204'].content, '204: no body');
    const search = doc.paths['/api/search']?.get;
    assert.deepEqual(search?.parameters.map((p) => [p.name, p.required]), [['q', true], ['mode', false], ['limit', false], ['p', false], ['spell', false]]);
    assert.equal(search?.parameters.find((p) => p.name === 'limit')?.schema.maximum, 100);
    assert.ok(search?.responses['400']);
    assert.deepEqual(doc.paths['/api/daily_papers']?.get.parameters.map((p) => p.name), ['date', 'week', 'month', 'sort', 'limit', 'p']);
  });

  it('exposes Prometheus metrics by route, not by URL', async () => {
    await app.get('/papers/0704.0001');
    await app.get('/papers/0704.0002');
    await app.get('/nowhere');
    const response = await app.get('/metrics');
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await response.text();
    assert.match(text, /paperboard_http_requests_total\{method="GET",route="\/papers\/:id",status="200"\} 2/);
    assert.match(text, /paperboard_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    assert.match(text, /paperboard_http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/papers\/:id"\} \d+/);
    assert.match(text, /^paperboard_papers_indexed 100$/m);
    assert.match(text, /^paperboard_process_cpu_seconds_total /m);
  });
});
