// `/search` and `GET /api/search`: keyword search with BM25 ranking.
import type { FastifyInstance, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { paperToJson } from '../papers/paper.ts';
import { parsePastedPaper } from '../papers/paper-id.ts';
import type { CodeService } from '../code/code.service.ts';
import type { CommunityService } from '../community/community.service.ts';
import type { PapersService } from '../papers/papers.service.ts';
import type { SearchService } from './search.service.ts';
import { paperIdParam, sharedLimit } from '../http/guards.ts';
import { sendPage } from '../http/render.ts';
import { parseQuery } from '../http/validate.ts';
import { highlightsToHtml, stripHighlights } from './highlight.ts';
import { SearchPageView } from './search-page.view.tsx';
import { searchApiQuery, searchPageQuery, similarQuery, suggestQuery, type SearchResponse } from './search.schema.ts';

/** The services these routes use (given by app/app.ts). */
export interface SearchRouteServices {
  search: SearchService;
  community: CommunityService;
  papers: PapersService;
  code: CodeService;
}

export function registerSearchRoutes(
  app: FastifyInstance,
  { search, community, papers, code }: SearchRouteServices,
  options: { searchLimit: RouteShorthandOptions; searchesPerMinute: number },
): void {
  // Searches cost more than pages: every kind (page, API, feed) counts against one limit a client (app.ts makes it);
  // suggestions, one request a keystroke, get four times as many of their own.
  const { searchLimit } = options;

  /** The page of the paper a pasted reference names (a page that offers to submit it when it is not stored here). */
  const pastedPaper = (q: string): string | undefined => {
    const ref = parsePastedPaper(q);
    return ref ? `/papers/${ref.id}${ref.version !== null ? `v${ref.version}` : ''}` : undefined;
  };

  app.get('/search', searchLimit, async (request, reply) => {
    const { q, p, mode, spell } = parseQuery(request, searchPageQuery);
    const target = p === 1 ? pastedPaper(q) : undefined;
    if (target) return reply.redirect(target, 303);
    const result = await search.search(q, { page: p, mode, correct: spell !== 'off' });
    const cards = await code.withCode(await community.cardsFor(request.viewer, result.items.map((hit) => hit.paper)));
    return sendPage(reply, <SearchPageView result={result} cards={cards} />);
  });

  app.get('/api/search', searchLimit, async (request): Promise<SearchResponse> => {
    const { q, limit, p, mode, spell } = parseQuery(request, searchApiQuery);
    const result = await search.search(q, { page: p, limit, mode, correct: spell !== 'off' });
    const found = result.items.map((hit) => hit.paper);
    const signals = await community.signalsFor(found);
    const codes = await code.jsonFor(found);
    return {
      query: result.query,
      mode: result.mode,
      page: result.page,
      limit: result.limit,
      hasMore: result.hasMore,
      loosened: result.loosened,
      matches: result.matches,
      bounded: result.bounded,
      didYouMean: result.didYouMean,
      correctedFrom: result.correctedFrom,
      ...(pastedPaper(q) ? { redirect: pastedPaper(q) } : {}),
      items: result.items.map((hit) => ({
        paper: paperToJson(hit.paper, { submittedBy: signals.get(hit.paper.id)?.submittedBy ?? null, code: codes.get(hit.paper.id) ?? [] }),
        score: hit.score,
        snippet: stripHighlights(hit.snippet),
        // HTML-escaped text with each hit in <mark>: safe to insert as HTML.
        highlight: { title: highlightsToHtml(hit.title), snippet: highlightsToHtml(hit.snippet) },
        related: hit.related,
      })),
    };
  });

  app.get('/api/suggest', sharedLimit(app, options.searchesPerMinute * 4), async (request, reply) => {
    const { q } = parseQuery(request, suggestQuery);
    return reply.header('cache-control', 'public, max-age=60').send(await search.suggest(q));
  });

  // Papers near a paper in meaning. Old-style ids keep their slash: /api/papers/hep-th/9901001/similar.
  const similar = async (request: FastifyRequest) => {
    const id = paperIdParam(request);
    const { limit } = parseQuery(request, similarQuery);
    const { paper } = await papers.get(id);
    const items = await search.similar(paper, limit);
    const found = items.map((i) => i.paper);
    const signals = await community.signalsFor(found);
    const codes = await code.jsonFor(found);
    const json = (p: typeof paper) => paperToJson(p, { submittedBy: signals.get(p.id)?.submittedBy ?? null, code: codes.get(p.id) ?? [] });
    return { id: paper.id, items: items.map((i) => ({ paper: json(i.paper), similarity: i.similarity })) };
  };
  app.get('/api/papers/:id/similar', similar);
  app.get('/api/papers/:archive/:number/similar', similar);
}
