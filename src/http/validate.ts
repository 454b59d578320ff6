// Input validation at the edge: a zod schema, and the first problem as a 400 a person can read.
import type { z } from 'zod';
import { badRequest } from '../errors.ts';

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.');
  throw badRequest(field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid input'));
}
