// The one HTTP client every fetch from an upstream service goes through: spaced requests per host,
// Retry-After honoured, capped exponential backoff with jitter, timeouts, and a User-Agent that names us.
export interface PoliteHttpOptions {
  userAgent: string;
  /** At least this long between the starts of two requests to one host. */
  minIntervalMs: number;
  /** Multiplies every wait; tests scale time down, the wait logic still runs. */
  timeScale: number;
  timeoutMs?: number;
  /** Attempts after the first, for 429/503, other 5xx and network errors. */
  maxRetries?: number;
  /** Longest single wait for backoff or Retry-After, in ms (before scaling). */
  maxWaitMs?: number;
  /** Randomness for jitter; tests may fix it. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

export class FetchError extends Error {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(`GET ${url}: ${message}`);
    this.name = 'FetchError';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds ("120") or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff, 1 s, 2 s, 4 s …, each with ±50% jitter so that many clients do not retry in step. */
export function backoffMs(attempt: number, random: () => number, maxWaitMs: number): number {
  const base = Math.min(maxWaitMs, 1000 * 2 ** attempt);
  return Math.round(base * (0.5 + random()));
}

export function createPoliteHttp(options: PoliteHttpOptions) {
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const maxRetries = options.maxRetries ?? 5;
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const nextAllowed = new Map<string, number>();
  const wait = (ms: number) => sleep(ms * options.timeScale);

  const interval = () => options.minIntervalMs * options.timeScale;

  /** Holds each host to one request per interval, however many callers there are. */
  async function takeTurn(host: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, nextAllowed.get(host) ?? 0);
    nextAllowed.set(host, at + interval());
    if (at > now) await sleep(at - now);
  }

  /** The interval also runs from the end of the last answer: a slow answer does not shorten the pause. */
  function turnDone(host: string): void {
    nextAllowed.set(host, Math.max(nextAllowed.get(host) ?? 0, Date.now() + interval()));
  }

  async function once(url: string, headers: Record<string, string>, timeout: number): Promise<HttpResponse> {
    const response = await fetch(url, {
      headers: { 'User-Agent': options.userAgent, Accept: 'application/atom+xml, application/xml, application/json;q=0.9, */*;q=0.5', ...headers },
      signal: AbortSignal.timeout(timeout),
      redirect: 'follow',
    });
    return { url, status: response.status, headers: response.headers, body: await response.text() };
  }

  return {
    /** Waits as the caller's service asks (GitHub's rate limit reset): scaled like every other wait. */
    pause: (ms: number) => wait(ms),

    /**
     * GETs a URL (with headers of the caller's: a token, If-None-Match). 429 and 503 wait as Retry-After says (or back
     * off); other 5xx and network errors back off; any other status is returned for the caller to read. Throws a
     * FetchError once the retries are spent. `impatient`: someone is waiting on the answer (a member's submission), so
     * one try of at most 10 s and one retry, instead of minutes of backing off.
     */
    async get(url: string, request: { headers?: Record<string, string>; impatient?: boolean } = {}): Promise<HttpResponse> {
      const host = new URL(url).host;
      const retries = request.impatient ? Math.min(1, maxRetries) : maxRetries;
      const timeout = request.impatient ? Math.min(10_000, timeoutMs) : timeoutMs;
      let lastProblem = '';
      for (let attempt = 0; attempt <= retries; attempt += 1) {
        await takeTurn(host);
        let response: HttpResponse;
        try {
          response = await once(url, request.headers ?? {}, timeout);
          turnDone(host);
        } catch (error) {
          turnDone(host);
          lastProblem = (error as Error).name === 'TimeoutError' ? `no answer within ${timeout / 1000} s` : (error as Error).message;
          if (attempt < retries) await wait(request.impatient ? 1000 : backoffMs(attempt, random, maxWaitMs));
          continue;
        }
        if (response.status < 500 && response.status !== 429) return response;
        lastProblem = `HTTP ${response.status}`;
        if (attempt === retries) break;
        if (request.impatient) continue;
        const asked = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after')) : null;
        await wait(asked === null ? backoffMs(attempt, random, maxWaitMs) : Math.min(asked, maxWaitMs));
      }
      throw new FetchError(url, `gave up after ${retries + 1} attempts (last: ${lastProblem})`);
    },
  };
}

export type PoliteHttp = ReturnType<typeof createPoliteHttp>;

export function userAgentFor(publicUrl: string, contact: string | undefined): string {
  return `Paperboard/0.1 (+${publicUrl}${contact ? `; ${contact}` : ''})`;
}
