// Days, ISO weeks and months as the feed names them in URLs (`2026-11-26`, `2026-W48`, `2026-11`), all UTC.

export type PeriodKind = 'day' | 'week' | 'month';

export interface Period {
  kind: PeriodKind;
  /** The period as written in its URL. */
  key: string;
  /** First and last day, inclusive, `YYYY-MM-DD`. */
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function addDays(day: string, days: number): string {
  return toDay(dayMs(day) + days * DAY_MS);
}

export function today(now: Date = new Date()): string {
  return toDay(now.getTime());
}

export function parseDay(text: string): Period | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = dayMs(text);
  if (Number.isNaN(ms) || toDay(ms) !== text) return null; // rejects 2026-02-30
  return { kind: 'day', key: text, from: text, to: text };
}

/** Monday of ISO week 1 is the Monday of the week that holds 4 January. */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - weekday * DAY_MS;
}

export function isoWeekOf(day: string): string {
  const ms = dayMs(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = ms + (3 - weekday) * DAY_MS; // a week belongs to the year of its Thursday
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - isoWeekOneMonday(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function parseWeek(text: string): Period | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > 53) return null;
  const from = toDay(isoWeekOneMonday(year) + (week - 1) * 7 * DAY_MS);
  if (isoWeekOf(from) !== text) return null; // week 53 of a 52-week year
  return { kind: 'week', key: text, from, to: addDays(from, 6) };
}

export function parseMonth(text: string): Period | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  const from = toDay(Date.UTC(year, month - 1, 1));
  const to = toDay(Date.UTC(year, month, 0));
  return { kind: 'month', key: text, from, to };
}

/** The period just before (-1) or after (+1) this one, of the same kind. */
/** A period of a kind from its URL key, or null. */
export const parsePeriod = { day: parseDay, week: parseWeek, month: parseMonth } as const;

export function shiftPeriod(period: Period, direction: -1 | 1): Period {
  if (period.kind === 'day') return parseDay(addDays(period.key, direction)) as Period;
  if (period.kind === 'week') return parseWeek(isoWeekOf(addDays(period.from, 7 * direction))) as Period;
  const before = direction < 0 ? addDays(period.from, -1) : addDays(period.to, 1);
  return parseMonth(before.slice(0, 7)) as Period;
}

const longDate = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function periodTitle(period: Period): string {
  const from = new Date(dayMs(period.from));
  if (period.kind === 'day') return longDate.format(from);
  if (period.kind === 'month') return monthName.format(from);
  const week = Number(period.key.slice(6));
  return `Week ${week}, ${period.key.slice(0, 4)} (${shortDate.format(from)} – ${shortDate.format(new Date(dayMs(period.to)))})`;
}

/** A period as a link names it: "27 Nov 2026", "Week 47", "October 2026". */
export function periodLabel(period: Period): string {
  if (period.kind === 'day') return formatDate(period.from);
  if (period.kind === 'month') return monthName.format(new Date(dayMs(period.from)));
  return `Week ${Number(period.key.slice(6))}, ${period.key.slice(0, 4)}`;
}

/** Every date a page shows, in one format: "27 Nov 2026". */
export function formatDate(iso: string): string {
  return shortDate.format(new Date(iso)) + ' ' + iso.slice(0, 4);
}
