// Requests to GitHub's REST API, through the polite client (spacing per host, timeouts, Retry-After on 429/503):
// conditional requests with the last ETag (a 304 costs no rate limit), the token when there is one, a pause until
// `x-ratelimit-reset` when the budget is spent, a wait as `retry-after` says on a secondary limit (403 or 429), and
// GitHub's 301 for a renamed repository followed to its new name (on GitHub's own host only). No wait is longer than
// the polite client's bound: a reset or `retry-after` further away ends the run (GithubRateLimited) and the next
// occurrence resumes. A path is built only from an owner and name that are GitHub names, and an answer is read up to
// a byte limit.
import type { PoliteHttp } from '../net/polite-http.ts';
import { retryAfterMs, UpstreamRefused } from '../net/polite-http.ts';
import { countedOn, isGithubName, rateLimitOf, repositoryFacts, type RepositoryFacts } from './github.ts';

/** The most read of one GitHub answer: a repository is ~6 KB, 30 weeks of history ~3 KB. */
export const GITHUB_MAX_BYTES = 1024 * 1024;

/** GitHub asked us to wait past the bound: the run stops here and resumes at its next occurrence. */
export class GithubRateLimited extends Error {
  constructor(readonly until: number) {
    super(`GitHub's rate limit: asked to wait until ${Number.isFinite(until) ? new Date(Math.min(until, 8.64e15)).toISOString() : 'an unreadable time'}`);
    this.name = 'GithubRateLimited';
  }
}

export type RepositoryAnswer =
  | { kind: 'fetched'; facts: RepositoryFacts; etag: string | null; countedOn: string }
  | { kind: 'unchanged'; countedOn: string }
  | { kind: 'gone' }
  | { kind: 'failed'; message: string };

export interface GithubClient {
  repository(owner: string, name: string, etag: string | null): Promise<RepositoryAnswer>;
  /** The star history's newest 30 weeks (the body, for countsFromHistory), or null when GitHub has none to give. */
  starHistory(owner: string, name: string): Promise<string | null>;
  /** Requests left in this hour's budget as GitHub last said, and when it comes back (ms epoch); null before any answer. */
  budget(): { remaining: number | null; resetAt: number | null };
  /** Requests made (every GET, 304s included). */
  requests(): number;
}

/** GitHub's rate-limit window. */
const BUDGET_WINDOW_MS = 3_600_000;

/** How long a secondary rate limit without `retry-after` waits (GitHub's advice: at least a minute). */
const SECONDARY_WAIT_MS = 60_000;

export function createGithubClient(options: { http: PoliteHttp; apiUrl: string; token: string | undefined; now?: () => number }): GithubClient {
  const now = options.now ?? Date.now;
  let remaining: number | null = null;
  let resetAt: number | null = null;
  let made = 0;

  /** Waits until `until` when that is within the bound; else ends the run (the reset may be weeks away, or the clock wrong). */
  async function waitUntil(until: number): Promise<void> {
    const ms = until - now();
    if (!(ms <= options.http.maxWaitMs)) throw new GithubRateLimited(until);
    await options.http.pause(ms);
  }

  async function get(path: string, etag: string | null) {
    // The budget is spent: wait for it to come back rather than be refused (and, unauthenticated, banned longer).
    if (remaining === 0 && resetAt !== null && resetAt > now()) await waitUntil(resetAt);
    const headers: Record<string, string> = { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (etag) headers['If-None-Match'] = etag;
    for (let attempt = 0; ; attempt += 1) {
      made += 1;
      let response: Awaited<ReturnType<PoliteHttp['get']>>;
      try {
        response = await options.http.get(`${options.apiUrl}${path}`, { headers, maxBytes: GITHUB_MAX_BYTES });
      } catch (error) {
        // A 429 or 503 whose Retry-After is past the bound: GitHub asked the whole client to wait, not this repository.
        if (error instanceof UpstreamRefused && error.retryAt !== null) throw new GithubRateLimited(error.retryAt);
        throw error;
      }
      const limit = rateLimitOf(response.headers);
      if (limit.remaining !== null) remaining = limit.remaining;
      // GitHub's budget comes back within the hour: a reset further away (a wrong clock, a hostile proxy) is read as
      // an hour, so it cannot keep every later run from starting.
      if (limit.resetAt !== null) limit.resetAt = Math.min(limit.resetAt, now() + BUDGET_WINDOW_MS);
      if (limit.resetAt !== null) resetAt = limit.resetAt;
      const limited = (response.status === 403 || response.status === 429) && attempt < 2;
      if (limited && limit.remaining === 0 && limit.resetAt !== null) {
        await waitUntil(limit.resetAt); // the primary limit: until the reset
        continue;
      }
      if (limited && (response.headers.has('retry-after') || response.status === 429)) {
        await waitUntil(now() + (retryAfterMs(response.headers.get('retry-after')) ?? SECONDARY_WAIT_MS)); // a secondary limit
        continue;
      }
      return response;
    }
  }

  return {
    async repository(owner, name, etag) {
      if (!isGithubName(owner, name)) return { kind: 'failed', message: `"${owner}/${name}" is not a GitHub repository name` };
      const response = await get(`/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`, etag);
      const day = countedOn(response.headers, new Date(now()));
      if (response.status === 304) return { kind: 'unchanged', countedOn: day };
      if (response.status === 404 || response.status === 410 || response.status === 451) return { kind: 'gone' };
      if (response.status !== 200) return { kind: 'failed', message: `GitHub answered ${response.status} for ${owner}/${name}` };
      const facts = repositoryFacts(response.body);
      if (!facts) return { kind: 'failed', message: `GitHub's answer for ${owner}/${name} is not a repository` };
      return { kind: 'fetched', facts, etag: response.headers.get('etag'), countedOn: day };
    },

    async starHistory(owner, name) {
      if (!isGithubName(owner, name)) return null;
      const response = await get(`/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/stargazers/history?per_page=30`, null);
      return response.status === 200 ? response.body : null;
    },

    budget: () => ({ remaining, resetAt }),
    requests: () => made,
  };
}
