// GET /openapi.json: the JSON API described from the same zod schemas its routes validate and answer with.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dailyPaperJsonSchema, dailyPapersQuery } from '../feed/feed.schema.ts';
import { paperJsonSchema } from '../papers/papers.schema.ts';
import { searchApiQuery, searchResponseSchema } from '../search/search.schema.ts';

interface Endpoint {
  path: string;
  summary: string;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  response: z.ZodType;
  errors: number[];
}

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const healthSchema = z.object({ status: z.enum(['ok', 'unavailable']), database: z.boolean() });

const endpoints: Endpoint[] = [
  { path: '/api/papers/{id}', summary: 'A paper by arXiv id (old-style ids keep their slash: /api/papers/hep-th/9901001)', pathParams: { id: 'arXiv id, versioned id or local id' }, response: paperJsonSchema, errors: [404] },
  { path: '/api/search', summary: 'Keyword search (BM25): words, "phrases", prefix*', query: searchApiQuery, response: searchResponseSchema, errors: [400] },
  { path: '/api/daily_papers', summary: "A day's, week's or month's listing (default: the latest day), in Hugging Face's shape", query: dailyPapersQuery as unknown as z.ZodObject, response: z.array(dailyPaperJsonSchema), errors: [400] },
  { path: '/healthz', summary: 'Liveness', response: healthSchema, errors: [503] },
];

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function queryParameters(schema: z.ZodObject | undefined) {
  if (!schema) return [];
  const shape = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(shape.properties ?? {}).map(([name, property]) => ({
    name, in: 'query', required: shape.required?.includes(name) ?? false, schema: property,
  }));
}

export function openApiDocument(publicUrl: string) {
  const paths: Record<string, unknown> = {};
  for (const endpoint of endpoints) {
    paths[endpoint.path] = {
      get: {
        summary: endpoint.summary,
        parameters: [
          ...Object.entries(endpoint.pathParams ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })),
          ...queryParameters(endpoint.query),
        ],
        responses: {
          200: { description: 'OK', content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } } },
          ...Object.fromEntries(endpoint.errors.map((status) => [status, { description: 'Error', content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } } }])),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Paperboard API', version: '0.1.0', description: 'Research papers: daily listings, paper metadata, keyword search.' },
    servers: [{ url: publicUrl }],
    paths,
  };
}

export function registerOpenApiRoute(app: FastifyInstance, publicUrl: string): void {
  const document = openApiDocument(publicUrl); // built once: the API does not change while running
  app.get('/openapi.json', async () => document);
}
