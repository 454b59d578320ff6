// GitHub's REST answers, read: a repository's facts (`GET /repos/OWNER/REPO`), its star history
// (`GET /repos/OWNER/REPO/stargazers/history`: weeks of daily gains, newest first, no stargazer named), and what the
// rate-limit headers ask of a client. Pure: the requests are made by github.client.ts.
import { z } from 'zod';
import type { RepositoryDetails, StarSample } from './code.ts';

const repositorySchema = z.object({
  id: z.number().int(),
  full_name: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
  stargazers_count: z.number().int().min(0),
  forks_count: z.number().int().min(0).nullish(),
  language: z.string().nullish(),
  license: z.object({ spdx_id: z.string().nullish(), name: z.string().nullish() }).nullish(),
  topics: z.array(z.string()).nullish(),
  description: z.string().nullish(),
  archived: z.boolean().nullish(),
  pushed_at: z.string().nullish(),
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
    license, topics: (r.topics ?? []).slice(0, 20), description: r.description?.slice(0, 500) ?? null,
    archived: r.archived ?? false, pushedAt: r.pushed_at ?? null,
  };
}

const historySchema = z.array(z.object({ week: z.number().int(), total: z.number().int().min(0).optional(), days: z.array(z.number().int().min(0)).length(7) }));

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
  const gains = new Map<string, number>();
  for (const row of parsed.data) {
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
