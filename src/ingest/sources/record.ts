// What every source parser returns for one record: a paper ready to store, or the reason it was refused.
import type { z } from 'zod';
import type { PaperInput } from '../../papers/paper.ts';

export type ParsedRecord = { ok: true; paper: PaperInput } | { ok: false; reason: string };

export const reject = (reason: string): ParsedRecord => ({ ok: false, reason });

/** The first schema problem as a person reads it: `title: expected a string`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  const field = issue.path.join('.');
  if (issue.message.startsWith('missing ')) return issue.message;
  if (issue.code === 'invalid_type' && /received (undefined|null)/.test(issue.message)) return `missing ${field}`;
  return field ? `${field}: ${issue.message}` : issue.message;
}

/** Parses a date as arXiv writes them (RFC 2822 in versions, ISO elsewhere) into ISO 8601 UTC, or null. */
export function isoDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function blankToNull(text: string | null | undefined): string | null {
  const folded = text?.replace(/\s+/g, ' ').trim();
  return folded ? folded : null;
}
