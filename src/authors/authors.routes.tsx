// `/authors/:name` and `GET /api/authors/:name`. An author's page is a search of the index's author column, so it
// counts against the searches' rate limit.
import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import type { AuthorsService } from './authors.service.ts';
import type { CodeService } from '../code/code.service.ts';
import type { CommunityService } from '../community/community.service.ts';
import { notFound } from '../errors.ts';
import { sendPage } from '../http/render.ts';
import { parseInput } from '../http/validate.ts';
import { paperToJson } from '../papers/paper.ts';
import { AuthorPageView } from './author-page.view.tsx';
import { authorParams, type AuthorResponse } from './authors.schema.ts';

/** The services these routes use (given by app/app.ts). */
export interface AuthorRouteServices {
  authors: AuthorsService;
  community: CommunityService;
  code: CodeService;
}

export function registerAuthorRoutes(app: FastifyInstance, { authors, community, code }: AuthorRouteServices, options: { searchLimit: RouteShorthandOptions }): void {
  const pageOf = async (params: unknown) => {
    const { name } = parseInput(authorParams, params);
    const author = await authors.page(name);
    if (!author) throw notFound(`No paper here has an author called "${name}".`);
    return author;
  };

  app.get('/authors/:name', options.searchLimit, async (request, reply) => {
    const author = await pageOf(request.params);
    const cards = await code.withCode(await community.cardsFor(request.viewer, author.papers));
    return sendPage(reply, <AuthorPageView author={author} cards={cards} />);
  });

  app.get('/api/authors/:name', options.searchLimit, async (request): Promise<AuthorResponse> => {
    const author = await pageOf(request.params);
    const signals = await community.signalsFor(author.papers);
    const codes = await code.jsonFor(author.papers);
    return {
      name: author.name,
      papers: author.papers.map((p) => paperToJson(p, { submittedBy: signals.get(p.id)?.submittedBy ?? null, code: codes.get(p.id) ?? [] })),
      coAuthors: author.coAuthors,
    };
  });
}
