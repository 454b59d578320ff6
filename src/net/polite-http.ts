// The one HTTP client every fetch from an upstream service goes through: spaced requests per host,
// Retry-After honoured, capped exponential backoff with jitter, timeouts, and a User-Agent that names us. An upstream
// cannot hold or flood us: every wait is bounded (a Retry-After past the bound ends the request instead of sleeping
// for weeks), redirects are followed only on the same host (no fetch of whatever a Location names), and bodies are
// read as a stream up to a byte limit per service (a 700 MB answer is refused at the limit, and not asked again).
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
  /** The largest body read, in bytes (after decompression); a larger answer is refused, not retried. */
  maxBytes?: number;
  /** Randomness for jitter; tests may fix it. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Headers;
  /** The body as text ('' when asked for bytes). */
  body: string;
  /** The body's bytes, when asked for them (`binary`: a PDF). */
  bytes?: Buffer;
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

/**
 * An answer that asking again would not mend: a body past the byte limit, a redirect to another host or in a loop, a
 * wait longer than the bound. Thrown at once, never retried. `retryAt`: when the upstream said to come back, if it did.
 */
export class UpstreamRefused extends FetchError {
  constructor(
    url: string,
    message: string,
    readonly retryAt: number | null = null,
  ) {
    super(url, message);
    this.name = 'UpstreamRefused';
  }
}

/** Redirects followed for one request (GitHub's moved repositories take one). */
const MAX_REDIRECTS = 5;
/** The default byte limit; each service sets its own (docs/limits.md). */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * What one answer of each service may weigh, decompressed: about ten times the largest real one seen. An arXiv API page
 * of 100 entries is ~300 KB, an OAI-PMH page of 1,000 records 2–5 MB, the RSS listing of a busy category ~1 MB, an HF
 * day ~200 KB (GitHub's: github.client.ts, 1 MiB). A paper's PDF is read whole for its first page: most are under 5 MB,
 * the largest few tens of MB; a PDF past 30 MB keeps its title card.
 */
export const SERVICE_MAX_BYTES = { arxivApi: 8 * 1024 * 1024, arxivOai: 48 * 1024 * 1024, arxivRss: 16 * 1024 * 1024, hfDaily: 4 * 1024 * 1024, arxivPdf: 30 * 1024 * 1024 } as const;

/** Whether a redirect stays with the service asked: the same host and port, and no step down from https. */
function sameService(from: URL, to: URL): boolean {
  return to.host === from.host && (to.protocol === from.protocol || to.protocol === 'https:');
}

/** A body read as a stream up to `maxBytes`; past it, the stream is cancelled and the answer refused. */
async function readBounded(response: Response, url: string, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new UpstreamRefused(url, `the answer is ${declared} bytes; at most ${maxBytes} are read from this service`);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new UpstreamRefused(url, `the answer is over ${maxBytes} bytes, the most read from this service`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
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
  const defaultMaxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
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

  /** One request: redirects followed on the same service only, the body read up to the limit, all within `timeout`. */
  async function once(url: string, headers: Record<string, string>, timeout: number, maxBytes: number, binary: boolean): Promise<HttpResponse> {
    const signal = AbortSignal.timeout(timeout);
    const asked = new URL(url);
    let current = asked;
    for (let hop = 0; ; hop += 1) {
      const response = await fetch(current, {
        headers: { 'User-Agent': options.userAgent, Accept: 'application/atom+xml, application/xml, application/json;q=0.9, */*;q=0.5', ...headers },
        signal,
        redirect: 'manual',
      });
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (location === null) {
        const bytes = await readBounded(response, url, maxBytes);
        return { url: current.href, status: response.status, headers: response.headers, ...(binary ? { body: '', bytes } : { body: new TextDecoder().decode(bytes) }) };
      }
      await response.body?.cancel();
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new UpstreamRefused(url, `redirected to an unreadable address`);
      }
      if (!sameService(asked, next)) throw new UpstreamRefused(url, `redirected to another host (${next.host}); only ${asked.host} is followed`);
      if (hop + 1 > MAX_REDIRECTS) throw new UpstreamRefused(url, `more than ${MAX_REDIRECTS} redirects`);
      current = next;
    }
  }

  return {
    /** Waits as the caller's service asks (GitHub's rate limit reset): scaled like every other wait, never past the bound. */
    pause: (ms: number) => wait(Math.min(Math.max(0, ms), maxWaitMs)),
    /** The longest wait this client makes (ms, before scaling): a caller asked to wait longer ends its run instead. */
    maxWaitMs,

    /**
     * GETs a URL (with headers of the caller's: a token, If-None-Match). 429 and 503 wait as Retry-After says (or back
     * off); other 5xx and network errors back off; any other status is returned for the caller to read. Throws a
     * FetchError once the retries are spent. `impatient`: someone is waiting on the answer (a member's submission), so
     * one try of at most 10 s and one retry, instead of minutes of backing off.
     */
    async get(url: string, request: { headers?: Record<string, string>; impatient?: boolean; maxBytes?: number; binary?: boolean } = {}): Promise<HttpResponse> {
      const host = new URL(url).host;
      const retries = request.impatient ? Math.min(1, maxRetries) : maxRetries;
      const timeout = request.impatient ? Math.min(10_000, timeoutMs) : timeoutMs;
      let lastProblem = '';
      for (let attempt = 0; attempt <= retries; attempt += 1) {
        await takeTurn(host);
        let response: HttpResponse;
        try {
          response = await once(url, request.headers ?? {}, timeout, request.maxBytes ?? defaultMaxBytes, request.binary ?? false);
          turnDone(host);
        } catch (error) {
          turnDone(host);
          if (error instanceof UpstreamRefused) throw error;
          lastProblem = (error as Error).name === 'TimeoutError' ? `no answer within ${timeout / 1000} s` : (error as Error).message;
          if (attempt < retries) await wait(request.impatient ? 1000 : backoffMs(attempt, random, maxWaitMs));
          continue;
        }
        if (response.status < 500 && response.status !== 429) return response;
        lastProblem = `HTTP ${response.status}`;
        if (attempt === retries) break;
        if (request.impatient) continue;
        const asked = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after')) : null;
        // Asked to come back later than we ever wait (twenty days, or a wrong clock): this request ends here, and the
        // caller's run resumes at its next occurrence instead of sleeping past it.
        if (asked !== null && asked > maxWaitMs) throw new UpstreamRefused(url, `HTTP ${response.status}, asked to wait ${Math.round(asked / 1000)} s (at most ${maxWaitMs / 1000} s are waited)`, Date.now() + asked);
        await wait(asked === null ? backoffMs(attempt, random, maxWaitMs) : asked);
      }
      throw new FetchError(url, `gave up after ${retries + 1} attempts (last: ${lastProblem})`);
    },
  };
}

export type PoliteHttp = ReturnType<typeof createPoliteHttp>;

export function userAgentFor(publicUrl: string, contact: string | undefined): string {
  return `Paperboard/0.1 (+${publicUrl}${contact ? `; ${contact}` : ''})`;
}
