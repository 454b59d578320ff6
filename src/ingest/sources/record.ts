// What every source parser returns for one record: a paper ready to store, or the reason it was refused.
import type { z } from 'zod';
import type { PaperInput } from '../../papers/paper.ts';

/** `notes`: what the parser changed or left out of a record it kept (a date that is no date), for the import report. */
export type ParsedRecord = { ok: true; paper: PaperInput; notes?: string[] } | { ok: false; reason: string };

export const reject = (reason: string): ParsedRecord => ({ ok: false, reason });

/** The first schema problem as a person reads it: `title: expected a string`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  const field = issue.path.join('.');
  if (!field && issue.code === 'invalid_type') return `the record is no object (${/received (\w+)/.exec(issue.message)?.[1] ?? 'another type'})`;
  if (issue.message.startsWith('missing ')) return issue.message;
  if (issue.code === 'invalid_type' && /received (undefined|null)/.test(issue.message)) return `missing ${field}`;
  return field ? `${field}: ${issue.message}` : issue.message;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The calendar day a date text names (ISO `2026-02-30`, RFC 2822 `30 Feb 2026`), when it names one. */
function namedDay(text: string): { year: number; month: number; day: number } | null {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const rfc = /\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\b/.exec(text);
  const month = rfc ? MONTHS.indexOf((rfc[2] as string).toLowerCase()) + 1 : 0;
  return rfc && month > 0 ? { year: Number(rfc[3]), month, day: Number(rfc[1]) } : null;
}

/**
 * Parses a date as arXiv writes them (RFC 2822 in versions, ISO elsewhere) into ISO 8601 UTC, or null. A day that
 * does not exist (`2026-02-30`) is no date: JavaScript would quietly make it 2 March.
 */
export function isoDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const named = namedDay(text);
  if (named) {
    const real = new Date(Date.UTC(named.year, named.month - 1, named.day));
    if (real.getUTCMonth() !== named.month - 1 || real.getUTCDate() !== named.day) return null;
  }
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function blankToNull(text: string | null | undefined): string | null {
  const folded = text?.replace(/\s+/g, ' ').trim();
  return folded ? folded : null;
}
