// Subscriptions' rules: what a subscriber chooses, which days a digest covers, and the signed links in every mail.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { addDays, isoWeekOf } from '../time.ts';

export const frequencies = ['daily', 'weekly'] as const;
export type Frequency = (typeof frequencies)[number];
export type SubscriptionStatus = 'pending' | 'active' | 'paused' | 'unsubscribed' | 'suspended';

export const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export const MAX_TOPICS = 10;

export interface Subscription {
  id: number;
  email: string;
  userId: number | null;
  status: SubscriptionStatus;
  frequency: Frequency;
  /** ISO weekday of a weekly digest, 1 = Monday. */
  weeklyDay: number;
  paperCount: number;
  /** Saved keyword searches; papers matching any join the digest. */
  topics: string[];
  /** No digest on a day (or week) when no paper passes the trending cut-off, whatever the topics bring. */
  skipQuiet: boolean;
  suspendedReason: string | null;
  createdAt: string;
  confirmedAt: string | null;
}

const topic = z.string().trim().min(1).max(100, 'a topic has at most 100 characters');

/** What a subscriber may change, everywhere they can change it (form, API). */
export const preferencesSchema = z.object({
  frequency: z.enum(frequencies, { error: 'frequency is daily or weekly' }),
  weeklyDay: z.coerce.number().int().min(1, 'weeklyDay is 1 (Monday) to 7 (Sunday)').max(7, 'weeklyDay is 1 (Monday) to 7 (Sunday)'),
  paperCount: z.coerce.number().int().min(3, 'at least 3 papers').max(30, 'at most 30 papers'),
  topics: z.array(topic).max(MAX_TOPICS, `at most ${MAX_TOPICS} topics`),
  skipQuiet: z.boolean().default(false),
});
export type Preferences = z.output<typeof preferencesSchema>;

export const defaultPreferences: Preferences = { frequency: 'daily', weeklyDay: 1, paperCount: 10, topics: [], skipQuiet: false };

/** Topics as people type them: one a line, or separated by commas. */
export function parseTopics(text: string): string[] {
  return [...new Set(text.split(/[\n,]+/).map((t) => t.trim()).filter(Boolean))];
}

export interface DigestPeriod {
  /** `daily:2026-11-27` or `weekly:2026-W48`: the outbox's key, one digest per subscription and period. */
  key: string;
  frequency: Frequency;
  /** The listing days it covers, inclusive. */
  from: string;
  to: string;
}

/** ISO weekday of a day, 1 = Monday. */
export const weekdayOf = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1; // 1 = Monday

/**
 * The days a digest sent on `day` covers. A daily digest covers the days since the previous weekday's digest
 * (Monday's takes in the weekend), a weekly one the seven days before. Windows may overlap; a paper is never sent
 * twice to one subscriber, so an overlap costs nothing and a late ingest leaves no gap.
 */
export function digestPeriod(frequency: Frequency, day: string): DigestPeriod {
  if (frequency === 'weekly') return { key: `weekly:${isoWeekOf(day)}`, frequency, from: addDays(day, -6), to: day };
  const back = weekdayOf(day) === 1 ? 3 : 1;
  return { key: `daily:${day}`, frequency, from: addDays(day, -back), to: day };
}

/** The key in every mailed link: the subscription's id, signed, so links work without an account and cannot be guessed. */
export function signSubscription(id: number, secret: string): string {
  return `${id}.${createHmac('sha256', secret).update(`subscription:${id}`).digest('base64url').slice(0, 32)}`;
}

export function verifySubscriptionKey(key: string, secret: string): number | null {
  const id = Number(/^(\d+)\./.exec(key)?.[1]);
  if (!Number.isSafeInteger(id)) return null;
  const expected = Buffer.from(signSubscription(id, secret));
  const given = Buffer.from(key);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/** The calendar day (`YYYY-MM-DD`) it is at `now` in a time zone: the day a scheduled digest is for. */
export function dayIn(timezone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export type DeliveryFailure = { kind: 'transient' | 'permanent' | 'bounce'; reason: string };

/**
 * What a failed SMTP attempt means. 4xx answers and connection trouble pass: try again later. A 5xx refusing the
 * recipient (RCPT) means the address does not take mail: suspend the subscription. Any other 5xx: give up on this one.
 */
export function classifyDeliveryError(error: unknown): DeliveryFailure {
  const e = error as { responseCode?: number; command?: string; code?: string; response?: string; message?: string };
  const reason = (e.response ?? e.message ?? String(error)).slice(0, 300);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
    return { kind: /^RCPT/i.test(e.command ?? '') || e.code === 'EENVELOPE' ? 'bounce' : 'permanent', reason };
  }
  return { kind: 'transient', reason };
}

/** What the account page says of a member's digest (it knows nothing else of the digest). */
export interface DigestSummary {
  status: Subscription['status'];
  text: string;
  editUrl: string;
}

export function describeSubscription(s: Subscription): string {
  const when = s.frequency === 'daily' ? 'every weekday' : `every ${weekdays[s.weeklyDay - 1] ?? 'week'}`;
  const topics = s.topics.length > 0 ? `, and new papers on ${s.topics.map((t) => `“${t}”`).join(', ')}` : '';
  const state = s.status === 'active' ? '' : s.status === 'paused' ? ' (paused)' : s.status === 'pending' ? ' (waiting for you to confirm)' : ` (${s.status})`;
  const quiet = s.skipQuiet ? `; nothing on ${s.frequency === 'daily' ? 'a day' : 'a week'} when nothing is trending` : '';
  return `The ${s.paperCount} top trending papers ${when}${topics}${quiet}${state}.`;
}
