// Submitting papers and upvoting them: pages and forms for people, JSON for tools (API token or session).
import { signInPath } from '../http/sign-in-path.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../errors.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { CodeService } from '../code/code.service.ts';
import type { CommentsService } from './comments.service.ts';
import type { PapersService } from '../papers/papers.service.ts';
import { backTo, memberWrite, paperIdParam, requireViewer, wantsJson } from '../http/guards.ts';
import { sendPage } from '../http/render.ts';
import { parseInput, parseQuery } from '../http/validate.ts';
import { SubmitPage } from './community.view.tsx';
import { ProfilePage } from './profile.view.tsx';
import { profileQuery, submitBody, submitForm } from './community.schema.ts';
import { parseArxivId } from '../papers/paper-id.ts';

const PROFILE_PAGE = 20;
import type { VoteState, CommunityService } from './community.service.ts';

/** The services these routes use (given by app/app.ts). */
export interface CommunityRouteServices {
  community: CommunityService;
  accounts: AccountsService;
  comments: CommentsService;
  code: CodeService;
  papers: PapersService;
}

export function registerCommunityRoutes(app: FastifyInstance, services: CommunityRouteServices, limits: { maxAgeDays: number; dailyCap: number }): void {
  const { community, accounts, comments, code, papers } = services;
  const write = memberWrite(app);
  // Submissions have their own daily cap; this only stops a script from hammering.
  const submitWrite = memberWrite(app, { max: 20, timeWindow: '1 minute' });

  app.get('/submit', async (request, reply) => {
    if (!request.viewer) return reply.redirect(signInPath({ action: 'submit', next: request.url }));
    // "Submit it" from a paper not stored here arrives with the id filled in.
    const { reference } = parseQuery(request, submitForm);
    return sendPage(reply, <SubmitPage reference={reference} limits={limits} />);
  });

  app.post('/submit', submitWrite, async (request, reply) => {
    if (!request.viewer) return reply.redirect('/login', 303);
    const { reference } = parseInput(submitForm, request.body);
    try {
      const { paper } = await community.submit(request.viewer, reference);
      return reply.redirect(`/papers/${paper.id}`, 303);
    } catch (error) {
      // Said on the form, with what was typed kept: a refusal, arXiv not knowing the id, or arXiv not answering.
      if (error instanceof AppError && (error.status < 500 || error.code === 'unavailable')) {
        const id = parseArxivId(reference)?.id;
        const problem = {
          message: error.message,
          storedId: error.code === 'conflict' && id ? id : undefined,
          unknownId: error.code === 'not_found' && id ? id : undefined,
        };
        return sendPage(reply, <SubmitPage reference={reference} problem={problem} limits={limits} />, error.status);
      }
      throw error;
    }
  });

  app.post('/api/papers', submitWrite, async (request, reply) => {
    const user = requireViewer(request);
    const { id } = parseInput(submitBody, request.body);
    const { paper, day } = await community.submit(user, id);
    return reply.status(201).send({ id: paper.id, day, submittedBy: user.username, links: { page: `/papers/${paper.id}` } });
  });

  const vote = (upvote: boolean) => async (request: FastifyRequest): Promise<VoteState> => {
    const user = requireViewer(request);
    return upvote ? community.upvote(user, paperIdParam(request)) : community.removeUpvote(user, paperIdParam(request));
  };
  for (const path of ['/api/papers/:id/upvote', '/api/papers/:archive/:number/upvote']) {
    app.post(path, write, vote(true));
    app.delete(path, write, vote(false));
  }

  // The buttons: plain forms that go back to the page, or JSON for the page script (no reload).
  const voteForm = (upvote: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.viewer) return reply.redirect('/login', 303);
    const state = await vote(upvote)(request);
    if (wantsJson(request)) return state;
    return reply.redirect(backTo(request, `/papers/${state.id}`), 303);
  };
  for (const base of ['/papers/:id', '/papers/:archive/:number']) {
    app.post(`${base}/upvote`, write, voteForm(true));
    app.post(`${base}/unvote`, write, voteForm(false));
  }

  app.get<{ Params: { name: string } }>('/u/:name', async (request, reply) => {
    const member = await accounts.findByUsername(request.params.name);
    if (!member) throw notFound(`There is no member called "${request.params.name}".`);
    if (member.username !== request.params.name) return reply.redirect(`/u/${member.username}`, 301);
    const { p } = parseQuery(request, profileQuery);
    const [submissions, upvotes, recent] = await Promise.all([
      community.submissionsOf(member.id, { limit: PROFILE_PAGE, offset: (p - 1) * PROFILE_PAGE }),
      member.showUpvotes ? community.upvotesOf(member.id, { limit: PROFILE_PAGE, offset: 0 }) : null,
      comments.byUser(member.id, 10),
    ]);
    const shownUpvotes = upvotes?.items ?? null;
    const shown = [...submissions.items.map((s) => s.paper), ...(shownUpvotes ?? [])];
    const [cards, titles] = await Promise.all([community.cardsFor(request.viewer, shown), papers.titlesOf(recent.map((c) => c.paperId))]);
    const page = <ProfilePage member={member} submissions={{ ...submissions, page: p }} upvotes={shownUpvotes} comments={recent} titles={titles} cards={await code.withCode(cards)} />;
    return sendPage(reply, page);
  });
}
