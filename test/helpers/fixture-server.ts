// A local HTTP server that answers with the recorded real responses in shared/fixtures (index.json names the
// request each file answered). Unrecorded requests get a 404 and are listed, so a test can insist on none.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fixturesDir } from './paths.ts';

interface Recorded {
  file: string;
  status: number;
  retryAfter: string | null;
}

export interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface FixtureServer {
  url: string;
  requests: Array<{ path: string; userAgent: string | undefined; at: number }>;
  unexpected: string[];
  /** Answers every request to a path (whatever its query) with a body of one's own. */
  override(pathname: string, respond: (url: URL) => Answer | 'hang'): void;
  close(): Promise<void>;
}

/** A request's identity: its path and its query parameters, sorted, decoded. */
function keyOf(pathname: string, params: URLSearchParams): string {
  const pairs = [...params.entries()].sort(([a], [b]) => a.localeCompare(b));
  return `${pathname}?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`;
}

function loadIndex(folder: string, urlOf: (entry: Record<string, unknown>) => string): Map<string, Recorded[]> {
  const dir = path.join(fixturesDir, folder);
  const entries = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as Array<Record<string, unknown>>;
  const map = new Map<string, Recorded[]>();
  for (const entry of entries) {
    const url = new URL(urlOf(entry), 'http://fixture');
    const key = keyOf(url.pathname, url.searchParams);
    const list = map.get(key) ?? [];
    list.push({
      file: path.join(dir, String(entry.file)),
      status: Number(entry.status),
      retryAfter: (entry.retry_after as string | null | undefined) ?? null,
    });
    map.set(key, list);
  }
  return map;
}

/** The entries of several recorded single-id responses, as one feed: what a batched id_list query returns. */
function mergedFeed(files: string[]): string {
  const bodies = files.map((file) => fs.readFileSync(file, 'utf8'));
  const entries = bodies.flatMap((body) => body.match(/<entry>[\s\S]*?<\/entry>/g) ?? []);
  const head = (bodies[0] ?? '').replace(/<entry>[\s\S]*<\/entry>\s*/g, '').replace(/<\/feed>\s*$/, '');
  return `${head.replace(/<opensearch:totalResults>\d+</, `<opensearch:totalResults>${entries.length}<`)}${entries.join('\n')}\n</feed>\n`;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const api = loadIndex('arxiv-api', (e) => String(e.url).replace('https://export.arxiv.org', ''));
  const oai = loadIndex('oai-pmh', (e) => String(e.request));
  const served = new Map<string, number>();
  const overrides = new Map<string, (url: URL) => Answer | 'hang'>();
  const requests: FixtureServer['requests'] = [];
  const unexpected: string[] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    requests.push({ path: req.url ?? '', userAgent: req.headers['user-agent'], at: Date.now() });
    const override = overrides.get(url.pathname);
    if (override) {
      const answer = override(url);
      if (answer === 'hang') return; // never answers: the client's own timeout, or a kill, ends it
      res.writeHead(answer.status, { 'content-type': 'application/xml', ...answer.headers });
      res.end(answer.body);
      return;
    }
    const key = keyOf(url.pathname, url.searchParams);
    const sequence = api.get(key) ?? oai.get(key);
    if (sequence) {
      // The same request answered in turn: the first recorded answer, then the next (503, then 200).
      const turn = served.get(key) ?? 0;
      served.set(key, turn + 1);
      const recorded = sequence[Math.min(turn, sequence.length - 1)] as Recorded;
      res.writeHead(recorded.status, {
        'content-type': recorded.file.endsWith('.html') ? 'text/html' : 'application/atom+xml',
        ...(recorded.retryAfter ? { 'retry-after': recorded.retryAfter } : {}),
      });
      res.end(fs.readFileSync(recorded.file));
      return;
    }
    const ids = url.searchParams.get('id_list')?.split(',') ?? [];
    if (url.pathname === '/api/query' && ids.length > 1) {
      const single = ids.map((id) => {
        const one = new URLSearchParams(url.searchParams);
        one.set('id_list', id);
        return api.get(keyOf(url.pathname, one))?.[0];
      });
      const failed = single.find((r) => r && r.status !== 200);
      if (single.every(Boolean) && !failed) {
        res.writeHead(200, { 'content-type': 'application/atom+xml' });
        res.end(mergedFeed(single.map((r) => (r as Recorded).file)));
        return;
      }
      if (failed) {
        res.writeHead(failed.status, { 'content-type': 'application/atom+xml' });
        res.end(fs.readFileSync(failed.file));
        return;
      }
    }
    unexpected.push(req.url ?? '');
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('no recorded response for this request');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    unexpected,
    override: (pathname, respond) => overrides.set(pathname, respond),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
