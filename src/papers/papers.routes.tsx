// The paper page and `GET /api/papers/:id`. Old-style ids have a slash (`hep-th/9901001`): both forms route here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isModerator } from '../accounts/account.ts';
import { notFound } from '../errors.ts';
import type { CodeService } from '../code/code.service.ts';
import type { CommentsService } from '../community/comments.service.ts';
import type { CommunityService } from '../community/community.service.ts';
import type { PapersService } from './papers.service.ts';
import type { SearchService } from '../search/search.service.ts';
import { sendPage } from '../http/render.ts';
import { parseInput, parseQuery } from '../http/validate.ts';
import { parsePaperRef } from './paper-id.ts';
import { PaperNotHerePage, PaperPage } from './paper-page.view.tsx';
import { paperPath } from './paper-card.view.tsx';
import { paperToJson } from './paper.ts';
import { oldStyleParams, paperParams, paperPageQuery } from './papers.schema.ts';

/** The reference in the URL, whichever of the two route shapes matched. */
function referenceOf(request: FastifyRequest): string {
  const params = request.params as Record<string, string>;
  if ('archive' in params) {
    const { archive, number } = parseInput(oldStyleParams, params);
    return `${archive}/${number}`;
  }
  return parseInput(paperParams, params).id;
}

/** The weeks of stars a paper page's sparklines draw. */
const SPARKLINE_DAYS = 8 * 7;

/** The services these routes use (given by app/app.ts). */
export interface PaperRouteServices {
  papers: PapersService;
  community: CommunityService;
  comments: CommentsService;
  search: SearchService;
  code: CodeService;
}

export function registerPaperRoutes(app: FastifyInstance, { papers, community, comments, search, code }: PaperRouteServices): void {
  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const reference = referenceOf(request);
    const ref = parsePaperRef(reference);
    if (!ref) throw notFound(`"${reference}" is not an arXiv id.`);
    // One address per paper: versioned ids (of versions that exist) and subject-class aliases redirect to the canonical one.
    if (ref.id !== reference) {
      await papers.get(reference);
      return reply.redirect(paperPath(ref.id), 301);
    }
    const { p, flagged } = parseQuery(request, paperPageQuery);
    // A hidden paper: its page is the moderators' alone (to restore it), drawn for them and never shared with members.
    const details = await papers.find(ref.id, { includeHidden: isModerator(request.viewer) });
    if (!details) {
      if (await papers.find(ref.id, { includeHidden: true })) throw notFound(`${ref.id} was hidden by this site's moderators.`);
      return sendPage(reply, <PaperNotHerePage id={ref.id} />, 404);
    }
    const paper = details.paper;
    if (paper.hiddenAt) request.keepForMembers = null;
    const [upvoted, signals, threads, similar] = await Promise.all([
      community.upvotedBy(request.viewer, [ref.id]),
      community.signalsFor([paper]),
      comments.threads(paper, p),
      search.similar(paper, 8),
    ]);
    const links = (await code.forPapers([paper])).get(ref.id) ?? [];
    const since = new Date(Date.now() - SPARKLINE_DAYS * 86_400_000).toISOString().slice(0, 10);
    const history = new Map(await Promise.all(links.map(async (l) => [l.repository.id, await code.starHistory(l.repository.id, since)] as const)));
    const about = { upvoted: upvoted.has(ref.id), submittedBy: signals.get(ref.id)?.submittedBy ?? null, threads, code: { links, history } };
    return sendPage(reply, <PaperPage details={details} community={about} similar={similar.map((s) => s.paper)} flagged={flagged} />);
  };
  // The same for every member but their vote, the discussion's buttons and the header: rendered once for all
  // (app/member-page-cache.ts).
  const sharedByMembers = { config: { sharedByMembers: true } };
  app.get('/papers/:id', sharedByMembers, page);
  app.get('/papers/:archive/:number', sharedByMembers, page);

  const json = async (request: FastifyRequest) => {
    const { paper } = await papers.get(referenceOf(request));
    const signals = (await community.signalsFor([paper])).get(paper.id) ?? { submittedBy: null };
    return paperToJson(paper, { ...signals, code: (await code.jsonFor([paper])).get(paper.id) ?? [] });
  };
  app.get('/api/papers/:id', json);
  app.get('/api/papers/:archive/:number', json);
}
