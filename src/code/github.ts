// GitHub's REST answers, read: a repository's facts (`GET /repos/OWNER/REPO`), its star history
// (`GET /repos/OWNER/REPO/stargazers/history`: weeks of daily gains, newest first, no stargazer named), and what the
// rate-limit headers ask of a client. Pure: the requests are made by github.client.ts.
import { z } from 'zod';
import { MAX_UPSTREAM_COUNT } from '../papers/paper-limits.ts';
import type { RepositoryDetails, StarSample } from './code.ts';

/** GitHub's own rules: an owner is 1–39 letters, digits and inner hyphens; a name 1–100 of letters, digits, `.`, `-`, `_`, never `.` or `..`. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** Whether an owner and a name are ones GitHub could give: the only ones a request path is built from. */
export function isGithubName(owner: string, name: string): boolean {
  return OWNER.test(owner) && NAME.test(name) && name !== '.' && name !== '..';
}

// A count past the bound on upstream counts is not a real repository's (the most starred has under 500,000): clamped.
const count = z.number().int().min(0).transform((n) => Math.min(n, MAX_UPSTREAM_COUNT));
/** Text fields as GitHub bounds them (a 5 MB `language` made a 7 MB paper page). */
const bounded = (max: number) => z.string().transform((text) => text.slice(0, max));

const repositorySchema = z.object({
  id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  full_name: z.string().max(140).refine((fullName) => {
    const [owner = '', name = '', ...rest] = fullName.split('/');
    return rest.length === 0 && isGithubName(owner, name);
  }, 'not owner/name'),
  stargazers_count: count,
  forks_count: count.nullish(),
  language: bounded(60).nullish(),
  license: z.object({ spdx_id: bounded(60).nullish(), name: bounded(120).nullish() }).nullish(),
  topics: z.array(z.unknown()).max(1000).nullish(),
  description: bounded(500).nullish(),
  archived: z.boolean().nullish(),
  pushed_at: z.string().max(40).nullish(),
});

export interface RepositoryFacts extends RepositoryDetails {
  githubId: number;
  owner: string;
  name: string;
  stars: number;
}

/** A repository response's facts; null when the body is not one (the caller reports it). */
export function repositoryFacts(body: string): RepositoryFacts | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = repositorySchema.safeParse(json);
  if (!parsed.success) return null;
  const r = parsed.data;
  const [owner = '', name = ''] = r.full_name.split('/');
  const license = r.license?.spdx_id && r.license.spdx_id !== 'NOASSERTION' ? r.license.spdx_id : (r.license?.name ?? null);
  return {
    githubId: r.id, owner, name, stars: r.stargazers_count, forks: r.forks_count ?? null, language: r.language ?? null,
    license, topics: (r.topics ?? []).filter((t): t is string => typeof t === 'string' && /^[a-z0-9][a-z0-9-]{0,49}$/.test(t)).slice(0, 20),
    description: r.description ?? null,
    archived: r.archived ?? false, pushedAt: r.pushed_at ?? null,
  };
}

/** The history asked for is 30 weeks; weeks before GitHub existed or after next week are not real (year −17720 threw a RangeError). */
const HISTORY_ROWS = 60;
const FIRST_WEEK = Date.parse('2007-10-01T00:00:00Z') / 1000;
const historySchema = z
  .array(z.object({ week: z.number().int(), total: z.number().int().min(0).optional(), days: z.array(count).length(7) }))
  .max(HISTORY_ROWS);

const dayOfSeconds = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/**
 * Daily star counts from the history's weekly rows. The rows give stars gained each day (of the stars still there),
 * so counts are rebuilt backwards from the current count: a day's count is today's less what came after it.
 * Days after `countedOn` (when `current` was read) are left out. Null when the body is not a history.
 */
export function countsFromHistory(body: string, current: { stars: number; countedOn: string }): StarSample[] | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = historySchema.safeParse(json);
  if (!parsed.success) return null;
  const lastWeek = Date.parse(`${current.countedOn}T00:00:00Z`) / 1000 + 7 * 86_400;
  const gains = new Map<string, number>();
  for (const row of parsed.data) {
    if (row.week < FIRST_WEEK || row.week > lastWeek) continue;
    row.days.forEach((gained, i) => {
      const day = dayOfSeconds(row.week + i * 86_400);
      if (day <= current.countedOn) gains.set(day, (gains.get(day) ?? 0) + gained);
    });
  }
  const days = [...gains.keys()].sort().reverse();
  const samples: StarSample[] = [];
  let stars = current.stars;
  for (const day of days) {
    samples.push({ day, stars: Math.max(0, stars) });
    stars -= gains.get(day) ?? 0; // the count at the end of the day before
  }
  return samples.reverse();
}

/** What GitHub's rate-limit headers ask: how many requests are left, and when the budget comes back (ms epoch). */
export function rateLimitOf(headers: Headers): { remaining: number | null; resetAt: number | null } {
  const remaining = headers.get('x-ratelimit-remaining');
  const reset = headers.get('x-ratelimit-reset');
  return {
    remaining: remaining !== null && /^\d+$/.test(remaining) ? Number(remaining) : null,
    resetAt: reset !== null && /^\d+$/.test(reset) ? Number(reset) * 1000 : null,
  };
}

/** The day GitHub counted a response's stars: its `Date` header, else the caller's clock. */
export function countedOn(headers: Headers, fallback: Date): string {
  const date = Date.parse(headers.get('date') ?? '');
  return new Date(Number.isNaN(date) ? fallback.getTime() : date).toISOString().slice(0, 10);
}
