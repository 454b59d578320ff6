// A GitHub that misbehaves, on 127.0.0.1: for each repository owner a way to fail that real GitHub, a broken proxy or
// a hostile one has shown (the second hardening pass, points 2–6): a rename by case only, a redirect loop, a redirect
// to another local server, 500s, a body that never ends, a 700 MB body, a star history in year −17720, a rate-limit
// reset twenty days away, a `retry-after` of twenty days, a reset past what setTimeout holds, `full_name: "../.."`, and
// facts of absurd size. Any other owner answers as a well-behaved repository. Used by test/hostile/github.test.ts and
// bench/hostile.ts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const MISBEHAVIOURS = [
  'case-rename', 'redirect-loop', 'redirect-elsewhere', 'always-500', 'endless-body', 'huge-body', 'bad-history',
  'reset-in-20-days', 'retry-after-20-days', 'reset-overflow', 'dot-dot-name', 'absurd-facts',
] as const;
export type Misbehaviour = (typeof MISBEHAVIOURS)[number];

export interface HostileGithub {
  url: string;
  /** Requests by path. */
  hits: Map<string, number>;
  /** Requests that reached the other local server a redirect pointed at (must stay 0). */
  elsewhereHits(): number;
  close(): Promise<void>;
}

const day = () => new Date().toUTCString();

function repository(owner: string, name: string, id: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ id, full_name: `${owner}/${name}`, stargazers_count: 100 + id, forks_count: 3, language: 'Python', topics: ['ml'], description: 'A repository.', archived: false, pushed_at: '2026-11-30T00:00:00Z', ...extra });
}

export async function startHostileGithub(): Promise<HostileGithub> {
  const hits = new Map<string, number>();
  let elsewhere = 0;
  const other = http.createServer((_req, res) => {
    elsewhere += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(repository('captured', 'ssrf', 999));
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const otherPort = (other.address() as AddressInfo).port;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://github');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', date: day(), 'x-ratelimit-remaining': '4000', ...headers });
      res.end(body);
    };
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/stargazers\/history)?$/.exec(url.pathname);
    if (!match) return send(404, '{"message":"Not Found"}');
    const [, owner = '', name = '', history] = match;
    const id = Math.abs([...`${owner}/${name}`].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7)) % 100_000 + 1;
    const kind = owner.toLowerCase() as Misbehaviour;
    if (history) {
      if (kind === 'bad-history') return send(200, JSON.stringify([{ week: -621_000_000_000, days: [1, 1, 1, 1, 1, 1, 1] }, ...Array.from({ length: 2_000 }, (_, i) => ({ week: 1_700_000_000 - i * 604_800, days: [1, 2, 3, 4, 5, 6, 7] }))]));
      return send(200, JSON.stringify([{ week: Math.floor(Date.now() / 1000 / 604_800) * 604_800 - 604_800, days: [1, 2, 3, 4, 5, 6, 7] }]));
    }
    switch (kind) {
      case 'case-rename':
        return send(200, repository('Case-Rename', name.toUpperCase(), id));
      case 'redirect-loop':
        return send(301, '', { location: url.pathname });
      case 'redirect-elsewhere':
        return send(301, '', { location: `http://127.0.0.1:${otherPort}/repos/captured/ssrf` });
      case 'always-500':
        return send(500, '{"message":"Server Error"}');
      case 'endless-body': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id": 1, "full_name": "endless-body/x", "description": "');
        const drip = setInterval(() => res.write('a'), 50);
        res.on('close', () => clearInterval(drip));
        return;
      }
      case 'huge-body': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1 << 20, 97);
        let sent = 0;
        const pump = () => {
          while (sent < 700 && res.write(chunk)) sent += 1;
          if (sent >= 700) res.end();
        };
        res.on('drain', pump);
        res.on('close', () => res.removeListener('drain', pump));
        return pump();
      }
      case 'reset-in-20-days':
        return send(403, '{"message":"API rate limit exceeded"}', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 20 * 86_400) });
      case 'retry-after-20-days':
        return send(429, '{"message":"secondary rate limit"}', { 'retry-after': String(20 * 86_400) });
      case 'reset-overflow':
        return send(403, '{"message":"API rate limit exceeded"}', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '99999999999999' });
      case 'dot-dot-name':
        return send(200, JSON.stringify({ id, full_name: '../..', stargazers_count: 5 }));
      case 'absurd-facts':
        return send(200, repository(owner, name, id, { stargazers_count: 2 ** 40, forks_count: 2 ** 33, language: 'x'.repeat(500_000), topics: Array.from({ length: 500 }, (_, i) => `t${i}`) }));
      default:
        return send(200, repository(owner, name, id), { etag: `"${id}"` });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    elsewhereHits: () => elsewhere,
    async close() {
      for (const s of [server, other]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}
