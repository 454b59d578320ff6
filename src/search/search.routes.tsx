// `/search` and `GET /api/search`: keyword search with BM25 ranking.
import type { FastifyInstance } from 'fastify';
import { paperToJson } from '../papers/paper.ts';
import type { Services } from '../services.ts';
import { sendPage } from '../web/render.ts';
import { parseInput } from '../web/validate.ts';
import { highlightsToHtml, stripHighlights } from './highlight.ts';
import { SearchPageView } from './search-page.view.tsx';
import { searchApiQuery, searchPageQuery, type SearchResponse } from './search.schema.ts';

export function registerSearchRoutes(app: FastifyInstance, { search, community }: Services): void {
  app.get('/search', async (request, reply) => {
    const { q, p } = parseInput(searchPageQuery, request.query);
    const result = await search.keyword(q, { page: p });
    const cards = await community.cardsFor(request.viewer, result.items.map((hit) => hit.paper.id));
    return sendPage(reply, <SearchPageView result={result} cards={cards} />);
  });

  app.get('/api/search', async (request): Promise<SearchResponse> => {
    const { q, limit, p } = parseInput(searchApiQuery, request.query);
    const result = await search.keyword(q, { page: p, limit });
    const signals = await community.signalsFor(result.items.map((hit) => hit.paper.id));
    return {
      query: result.query,
      mode: 'keyword' as const,
      page: result.page,
      limit: result.limit,
      hasMore: result.hasMore,
      loosened: result.loosened,
      items: result.items.map((hit) => ({
        paper: paperToJson(hit.paper, signals.get(hit.paper.id)),
        score: hit.score,
        snippet: stripHighlights(hit.snippet),
        // HTML-escaped text with each hit in <mark>: safe to insert as HTML.
        highlight: { title: highlightsToHtml(hit.title), snippet: highlightsToHtml(hit.snippet) },
      })),
    };
  });
}
