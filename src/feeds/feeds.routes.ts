// Feeds for readers: the latest day, a given day, trending, a member's submissions and a search, each in
// Atom, RSS 2.0 and JSON Feed (`/feeds/trending.atom`, `/feeds/trending-code.rss`, `/feeds/day/2026-11-26.rss`, `/feeds/u/ada.json`,
// `/feeds/authors/Ada%20Lovelace.atom`, …).
import { plainMath } from '../papers/math-text.ts';
import type { FastifyInstance, FastifyReply, RouteShorthandOptions } from 'fastify';
import { badRequest, notFound } from '../errors.ts';
import { parseDay, periodTitle } from '../time.ts';
import type { Paper } from '../papers/paper.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuthorsService } from '../authors/authors.service.ts';
import type { CodeService } from '../code/code.service.ts';
import type { CommunityService } from '../community/community.service.ts';
import type { FeedService } from '../feed/feed.service.ts';
import type { SearchService } from '../search/search.service.ts';
import { parseQuery } from '../http/validate.ts';
import { searchFeedQuery } from './feeds.schema.ts';
import { feedContentTypes, feedFormats, writeFeed, type FeedDocument, type FeedEntry, type FeedFormat } from './feed-writers.ts';

const ENTRIES = 50;

function parseFile(file: string): { name: string; format: FeedFormat } {
  const match = /^(.+)\.([a-z]+)$/.exec(file);
  const format = match?.[2] as FeedFormat | undefined;
  if (!match || !format || !feedFormats.includes(format)) throw notFound(`Feeds end in .atom, .rss or .json ("${file}" does not).`);
  return { name: match[1] as string, format };
}

/** The services these routes use (given by app/app.ts). */
export interface FeedsRouteServices {
  feed: FeedService;
  community: CommunityService;
  accounts: AccountsService;
  search: SearchService;
  code: CodeService;
  authors: AuthorsService;
}

export function registerFeedsRoutes(app: FastifyInstance, services: FeedsRouteServices, options: { publicUrl: string; searchLimit: RouteShorthandOptions }): void {
  const { feed, community, accounts, search, code, authors } = services;
  const base = options.publicUrl.replace(/\/$/, '');

  const entryOf = (paper: Paper, repository: FeedEntry['code']): FeedEntry => ({
    url: `${base}/papers/${paper.id}`,
    // Feed readers show text: LaTeX as the characters it stands for (ω, O(n²)), the stored text unchanged.
    title: plainMath(paper.title),
    summary: plainMath(paper.abstract),
    authors: paper.authors.map((a) => a.name),
    categories: paper.categories,
    published: paper.publishedAt,
    updated: paper.updatedAt ?? paper.publishedAt ?? paper.firstSeenAt,
    code: repository,
  });

  const send = async (reply: FastifyReply, format: FeedFormat, path: string, page: string, meta: { title: string; description: string }, papers: Paper[]) => {
    const main = await code.mainLinks(papers);
    const entries = papers.map((paper) => {
      const repository = main.get(paper.id)?.repository;
      return entryOf(paper, repository ? { url: repository.url, stars: repository.stars } : null);
    });
    const updated = entries.reduce((latest, e) => (e.updated > latest ? e.updated : latest), '') || new Date().toISOString();
    const document: FeedDocument = {
      ...meta,
      homeUrl: base + page,
      selfUrl: Object.fromEntries(feedFormats.map((f) => [f, `${base}${path}.${f}`])) as Record<FeedFormat, string>,
      updated,
      entries,
    };
    return reply.type(feedContentTypes[format]).header('cache-control', 'public, max-age=300').send(writeFeed[format](document));
  };

  app.get<{ Params: { file: string } }>('/feeds/:file', async (request, reply) => {
    const { name, format } = parseFile(request.params.file);
    if (name === 'trending') {
      const { items } = await feed.trending({ limit: ENTRIES });
      const meta = { title: 'Trending papers · Paperboard', description: 'The papers this community is upvoting and discussing now.' };
      return send(reply, format, '/feeds/trending', '/trending', meta, items.map((i) => i.paper));
    }
    if (name === 'trending-code') {
      const { items } = await feed.trending({ limit: ENTRIES, by: 'stars' });
      const meta = { title: 'Trending by code · Paperboard', description: 'Papers whose code gains the most GitHub stars a day this week.' };
      return send(reply, format, '/feeds/trending-code', '/trending?by=stars', meta, items.map((i) => i.paper));
    }
    if (name === 'latest') {
      const latest = await feed.latestDay();
      const period = latest ? parseDay(latest) : null;
      const items = period ? (await feed.page(period, { limit: 100, order: 'trending' })).items : [];
      const meta = { title: 'Latest papers · Paperboard', description: period ? `Papers listed for ${periodTitle(period)}.` : 'No papers yet.' };
      return send(reply, format, '/feeds/latest', '/', meta, items.map((i) => i.paper));
    }
    throw notFound(`There is no feed called "${name}". Try /feeds/trending.atom, /feeds/trending-code.atom or /feeds/latest.atom.`);
  });

  // A search feed is a search: it counts against the searches' rate limit, shared with /search and /api/search.
  for (const format of feedFormats) {
    app.get(`/feeds/search.${format}`, options.searchLimit, async (request, reply) => {
      const q = parseQuery(request, searchFeedQuery).q.trim();
      if (!q) throw badRequest('A search feed needs a query: /feeds/search.atom?q=words');
      const result = await search.keyword(q, { page: 1, limit: ENTRIES });
      const query = `?q=${encodeURIComponent(q)}`;
      const meta = { title: `Search: ${q} · Paperboard`, description: `Papers matching "${q}".` };
      return send(reply, format, `/feeds/search`, `/search${query}`, meta, result.items.map((hit) => hit.paper));
    });
  }

  app.get<{ Params: { file: string } }>('/feeds/day/:file', async (request, reply) => {
    const { name, format } = parseFile(request.params.file);
    const period = parseDay(name);
    if (!period) throw badRequest(`"${name}" is not a day (expected YYYY-MM-DD).`);
    const { items } = await feed.page(period, { limit: 100, order: 'trending' });
    const meta = { title: `Papers of ${periodTitle(period)} · Paperboard`, description: `Papers listed for ${periodTitle(period)}.` };
    return send(reply, format, `/feeds/day/${name}`, `/date/${name}`, meta, items.map((i) => i.paper));
  });

  // An author's feed is an author's page: a search of the author column, under the searches' limit.
  app.get<{ Params: { file: string } }>('/feeds/authors/:file', options.searchLimit, async (request, reply) => {
    const { name, format } = parseFile(request.params.file);
    const author = await authors.page(name.slice(0, 300));
    if (!author) throw notFound(`No paper here has an author called "${name}".`);
    const path = `/authors/${encodeURIComponent(author.name)}`;
    const meta = { title: `Papers by ${author.name} · Paperboard`, description: `The newest papers by ${author.name}.` };
    return send(reply, format, `/feeds${path}`, path, meta, author.papers.slice(0, ENTRIES));
  });

  app.get<{ Params: { file: string } }>('/feeds/u/:file', async (request, reply) => {
    const { name, format } = parseFile(request.params.file);
    const member = await accounts.findByUsername(name);
    if (!member) throw notFound(`There is no member called "${name}".`);
    const { items } = await community.submissionsOf(member.id, { limit: ENTRIES, offset: 0 });
    const meta = { title: `Submitted by ${member.displayName} · Paperboard`, description: `Papers ${member.username} brought to Paperboard.` };
    return send(reply, format, `/feeds/u/${member.username}`, `/u/${member.username}`, meta, items.map((i) => i.paper));
  });
}
