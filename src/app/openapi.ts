// GET /openapi.json: the JSON API described from the same zod schemas its routes validate and answer with.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { categoryApiQuery, dailyPaperJsonSchema, dailyPapersQuery, trendingJsonSchema, trendingQuery } from '../feed/feed.schema.ts';
import { commentJsonBody, commentJsonSchema, commentsPageQuery } from '../community/comments.schema.ts';
import { submitBody, submittedSchema, voteStateSchema } from '../community/community.schema.ts';
import { codeJsonSchema, paperJsonSchema } from '../papers/papers.schema.ts';
import { codeLinkBody } from '../code/code.schema.ts';
import { preferencesPatch, subscribeBody, subscriptionJsonSchema } from '../digest/digest.schema.ts';
import { searchApiQuery, searchResponseSchema, similarQuery, similarResponseSchema, suggestionsSchema, suggestQuery } from '../search/search.schema.ts';
import { authorResponseSchema } from '../authors/authors.schema.ts';

interface Endpoint {
  method?: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  /** A JSON request body; such endpoints need a member (API token or session). */
  body?: z.ZodType;
  auth?: boolean;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  /** The answer, or null for 204 No Content. */
  response: z.ZodType | null;
  /** The success status, when not 200. */
  status?: 201 | 204;
  errors: number[];
}

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const healthSchema = z.object({ status: z.enum(['ok', 'unavailable']), database: z.boolean(), problem: z.string().optional().describe('why the database is unavailable') });

const endpoints: Endpoint[] = [
  { path: '/api/papers/{id}', summary: 'A paper by arXiv id (old-style ids keep their slash: /api/papers/hep-th/9901001)', pathParams: { id: 'arXiv id, versioned id or local id' }, response: paperJsonSchema, errors: [404] },
  { path: '/api/search', summary: 'Search by words (BM25: words, "phrases", prefix*), by meaning (embeddings), or both fused (hybrid, the default)', query: searchApiQuery, response: searchResponseSchema, errors: [400, 429, 503] },
  { path: '/api/suggest', summary: 'Paper titles for a search box, as someone types (the last word is a prefix)', query: suggestQuery, response: suggestionsSchema, errors: [400] },
  { path: '/api/papers/{id}/similar', summary: 'The papers nearest in meaning to a paper (empty until `paperboard reindex` has fitted a model)', pathParams: { id: 'arXiv id' }, query: similarQuery, response: similarResponseSchema, errors: [404] },
  { path: '/api/daily_papers', summary: "A day's, week's or month's listing (default: the latest day), in Hugging Face's shape", query: dailyPapersQuery as unknown as z.ZodObject, response: z.array(dailyPaperJsonSchema), errors: [400] },
  { path: '/api/categories/{cat}', summary: "A category's papers of a day (date, default the latest), week or month, in Hugging Face's daily papers shape", pathParams: { cat: 'an arXiv category: cs.LG, hep-th' }, query: categoryApiQuery as unknown as z.ZodObject, response: z.array(dailyPaperJsonSchema), errors: [400] },
  { path: '/api/authors/{name}', summary: "An author's papers here, newest first (100 at most), and their co-authors", pathParams: { name: 'the author\'s name as papers write it' }, response: authorResponseSchema, errors: [400, 404, 429] },
  { path: '/api/trending', summary: 'Every listed paper by trending score, highest first (docs/ranking.md); by=stars: papers with code by the stars their repositories gained a day this week', query: trendingQuery, response: z.array(trendingJsonSchema), errors: [400] },
  { method: 'post', path: '/api/papers', summary: "Submit a paper to today's list by arXiv id or URL", body: submitBody, auth: true, status: 201, response: submittedSchema, errors: [400, 401, 404, 409, 429] },
  { method: 'post', path: '/api/papers/{id}/code', summary: 'Suggest a repository for a paper (GitHub, GitLab, Codeberg or Hugging Face); credited to the member, counted toward trending once a moderator confirms it', pathParams: { id: 'arXiv id' }, body: codeLinkBody, auth: true, status: 201, response: codeJsonSchema, errors: [400, 401, 404, 409, 429] },
  { method: 'post', path: '/api/papers/{id}/code/{repository}/confirm', summary: "Confirm a member's suggested code link (moderators): from then on it counts toward trending", pathParams: { id: 'arXiv id', repository: 'repository id' }, auth: true, status: 204, response: null, errors: [400, 401, 403, 404] },
  { method: 'delete', path: '/api/papers/{id}/code/{repository}', summary: 'Remove a code link (moderators); it stays removed whatever source brings it again', pathParams: { id: 'arXiv id', repository: 'repository id' }, auth: true, status: 204, response: null, errors: [400, 401, 403, 404] },
  { method: 'post', path: '/api/papers/{id}/upvote', summary: 'Upvote a paper (once per member; again changes nothing)', pathParams: { id: 'arXiv id' }, auth: true, response: voteStateSchema, errors: [401, 404, 429] },
  { method: 'delete', path: '/api/papers/{id}/upvote', summary: 'Take back an upvote', pathParams: { id: 'arXiv id' }, auth: true, response: voteStateSchema, errors: [401, 404, 429] },
  { path: '/api/papers/{id}/comments', summary: "A page of a paper's discussion (100 comments), threads one reply deep; the next page's address is in the Link header (rel=next), the total in X-Total-Count", pathParams: { id: 'arXiv id' }, query: commentsPageQuery, response: z.array(commentJsonSchema.extend({ replies: z.array(commentJsonSchema) })), errors: [400, 404] },
  { method: 'post', path: '/api/papers/{id}/comments', summary: 'Comment on a paper (Markdown subset), or reply with parentId', pathParams: { id: 'arXiv id' }, body: commentJsonBody, auth: true, status: 201, response: commentJsonSchema, errors: [400, 401, 404, 429] },
  { method: 'post', path: '/api/subscriptions', summary: 'Subscribe an address to the digest: mails a confirmation link (no account needed); a member subscribing their own address is active at once', body: subscribeBody, response: z.union([z.object({ status: z.literal('confirmation_sent'), message: z.string() }), z.object({ status: z.literal('active'), subscription: subscriptionJsonSchema })]), errors: [400, 429] },
  { path: '/api/subscriptions/me', summary: "The signed-in member's digest subscription", auth: true, response: subscriptionJsonSchema, errors: [401, 404] },
  { method: 'patch', path: '/api/subscriptions/me', summary: 'Change frequency, weekday, number of papers, topics, or pause', body: preferencesPatch, auth: true, response: subscriptionJsonSchema, errors: [400, 401, 404] },
  { path: '/healthz', summary: 'Health: the database answers what pages need, and no request has met a damaged file', response: healthSchema, errors: [503] },
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
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    const operations = (paths[endpoint.path] ??= {});
    operations[endpoint.method ?? 'get'] = {
        summary: endpoint.summary,
        ...(endpoint.auth ? { security: [{ bearer: [] }] } : {}),
        ...(endpoint.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(endpoint.body, 'input') } } } } : {}),
        parameters: [
          ...Object.entries(endpoint.pathParams ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })),
          ...queryParameters(endpoint.query),
        ],
        responses: {
          [endpoint.status ?? 200]: endpoint.response
            ? { description: endpoint.status === 201 ? 'Created' : 'OK', content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } } }
            : { description: 'No Content' },
          ...Object.fromEntries(endpoint.errors.map((status) => [status, { description: 'Error', content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } } }])),
        },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Paperboard API', version: '0.1.0', description: 'Research papers: daily listings, trending, paper metadata, keyword search, submissions, upvotes and comments. Request bodies are JSON (any other content type: 415), at most 128 KiB (413) and nested at most 16 levels (400); requests are rate-limited per client (429 with Retry-After). Every limit: docs/limits.md.' },
    servers: [{ url: publicUrl }],
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (pb_…): the account page, or `paperboard token create EMAIL`' } } },
  };
}

export function registerOpenApiRoute(app: FastifyInstance, publicUrl: string): void {
  const document = openApiDocument(publicUrl); // built once: the API does not change while running
  app.get('/openapi.json', async () => document);
}
