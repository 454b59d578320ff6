// A local GitHub REST API serving the fixtures (test/fixtures/github): each repository as on a snapshot day the test
// picks, with its ETag (If-None-Match answers 304, at no cost to the budget), its rate-limit headers and a Date header
// on that day; the recorded errors (404, 301 to /repositories/ID, 403 primary limit, 429 secondary limit); the star
// history written after GitHub's docs. A test can put answers in front of a path (a limit, then the real answer).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fixturesDir } from './paths.ts';

const dir = path.join(fixturesDir, 'github');

interface IndexEntry {
  file: string;
  url: string;
  status: number;
  headers: Record<string, string>;
}

export interface GithubFixtures {
  url: string;
  /** Every request's path and its If-None-Match header. */
  requests: Array<{ path: string; ifNoneMatch: string | undefined; authorization: string | undefined }>;
  /** Which snapshot the repositories answer with: `2026-11-20` or `2026-11-27`. */
  day: string;
  /** Answers given before the fixture for a path, in order, once each. */
  queue(pathname: string, answer: { status: number; headers?: Record<string, string>; body?: string }): void;
  close(): Promise<void>;
}

/** The recorded error answer for a file under errors/ (its status and headers from the index). */
export function recordedError(name: string): { status: number; headers: Record<string, string>; body: string } {
  const entries = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as IndexEntry[];
  const entry = entries.find((e) => e.file === `errors/${name}`);
  if (!entry) throw new Error(`no recorded error ${name}`);
  const file = path.join(dir, entry.file);
  return { status: entry.status, headers: entry.headers, body: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '' };
}

export async function startGithubFixtures(day = '2026-11-20'): Promise<GithubFixtures> {
  const entries = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as IndexEntry[];
  const queued = new Map<string, Array<{ status: number; headers?: Record<string, string>; body?: string }>>();
  const requests: GithubFixtures['requests'] = [];
  const state = { day };

  const snapshot = (owner: string, name: string) => {
    const entry = entries.find((e) => e.file === `${state.day}/${owner}__${name}.json`);
    return entry ? { entry, body: fs.readFileSync(path.join(dir, entry.file), 'utf8') } : null;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    requests.push({ path: url.pathname + url.search, ifNoneMatch: req.headers['if-none-match'], authorization: req.headers.authorization });
    const date = new Date(`${state.day}T12:00:00Z`).toUTCString();
    const send = (status: number, headers: Record<string, string>, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', date, ...headers });
      res.end(body);
    };
    const waiting = queued.get(url.pathname)?.shift();
    if (waiting) return send(waiting.status, waiting.headers ?? {}, waiting.body ?? '');

    const history = /^\/repos\/([^/]+)\/([^/]+)\/stargazers\/history$/.exec(url.pathname);
    if (history) {
      const file = path.join(dir, 'stargazers-history', `${history[1]}__${history[2]}.json`);
      return fs.existsSync(file) ? send(200, {}, fs.readFileSync(file, 'utf8')) : send(200, {}, '[]');
    }
    // GitHub's 301 for a renamed repository points here; this one is gqk/LAE under its id.
    const repo = /^\/repos\/([^/]+)\/([^/]+)$/.exec(url.pathname) ?? (url.pathname === '/repositories/470055432' ? [null, 'gqk', 'LAE'] : null);
    if (repo) {
      const error = entries.find((e) => e.file.startsWith('errors/') && new URL(e.url).pathname === url.pathname && e.status !== 304 && e.status !== 403 && e.status !== 429);
      if (error) {
        // The recorded Location names api.github.com: here it is this server.
        const headers = { ...error.headers, ...(error.headers.location ? { location: error.headers.location.replace('https://api.github.com', `http://${req.headers.host}`) } : {}) };
        return send(error.status, headers, fs.readFileSync(path.join(dir, error.file), 'utf8'));
      }
      const found = snapshot(repo[1] as string, repo[2] as string);
      if (!found) return send(404, {}, JSON.stringify({ message: 'Not Found' }));
      const etag = found.entry.headers.etag ?? '';
      const { etag: _etag, 'content-type': _type, ...limits } = found.entry.headers;
      if (req.headers['if-none-match'] === etag) return send(304, { etag, ...limits }, ''); // GitHub sends its rate-limit headers with a 304 too
      return send(200, found.entry.headers, found.body);
    }
    send(404, {}, JSON.stringify({ message: 'Not Found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get day() {
      return state.day;
    },
    set day(value: string) {
      state.day = value;
    },
    queue(pathname, answer) {
      queued.set(pathname, [...(queued.get(pathname) ?? []), answer]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
