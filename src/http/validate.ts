// Input validation at the edge: a zod schema, and the first problem as a 400 a person can read.
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { badRequest } from '../errors.ts';
import type {} from './request-state.ts'; // request.knownQuery


export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.');
  throw badRequest(field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid input'));
}

/**
 * The request's query string, parsed by the route's schema. It also records which parameters the route reads, so a
 * cache can tell a page asked with parameters nobody reads (`?x=1`, `?x=2`, … to fill memory) and not keep it.
 */
export function parseQuery<T extends z.ZodObject>(request: FastifyRequest, schema: T): z.infer<T> {
  request.knownQuery = Object.keys(schema.shape);
  return parseInput(schema, request.query);
}

/** Every query parameter of the request is one its route read: the URL names a page, not noise a cache should keep. */
export function queryIsKnown(request: FastifyRequest): boolean {
  const query = request.query as Record<string, unknown> | undefined;
  return Object.keys(query ?? {}).every((key) => request.knownQuery?.includes(key) === true);
}
