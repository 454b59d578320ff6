// Submitting papers and upvoting them: pages and forms for people, JSON for tools (API token or session).
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { User } from '../accounts/account.ts';
import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';
import { sendPage } from '../web/render.ts';
import { parseInput } from '../web/validate.ts';
import { SubmitPage } from './community.view.tsx';
import { submitBody, submitForm } from './community.schema.ts';
import type { VoteState } from './community.service.ts';

/** Writes per person: generous for people, a wall for scripts gone wrong. */
const WRITE_LIMIT = { max: 60, timeWindow: '1 minute' };

function signedIn(request: FastifyRequest): User {
  if (!request.viewer) throw new AppError('unauthorized', 'Sign in, or send an API token as "Authorization: Bearer TOKEN".');
  return request.viewer;
}

/** "hep-th/9901001" arrives in two path segments; everything else in one. */
function paperIdOf(request: FastifyRequest): string {
  const params = request.params as { id?: string; archive?: string; number?: string };
  return params.archive && params.number ? `${params.archive}/${params.number}` : (params.id ?? '');
}

export function registerCommunityRoutes(app: FastifyInstance, services: Services, limits: { maxAgeDays: number; dailyCap: number }): void {
  const { community } = services;
  // Requests with an API token carry no cookie, so there is nothing to forge; browser sessions need the token.
  const csrfUnlessApiToken = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (request.viaApiToken) return done();
    return app.csrfProtection.call(app, request, reply, done);
  };
  const write = { preHandler: csrfUnlessApiToken, config: { rateLimit: { ...WRITE_LIMIT, keyGenerator: (r: FastifyRequest) => `user:${r.viewer?.id ?? r.ip}` } } };

  app.get('/submit', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/login');
    return sendPage(reply, <SubmitPage limits={limits} />);
  });

  app.post('/submit', write, async (request, reply) => {
    if (!request.viewer) return reply.redirect('/login', 303);
    const { reference } = parseInput(submitForm, request.body);
    try {
      const { paper } = await community.submit(request.viewer, reference);
      return reply.redirect(`/papers/${paper.id}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.status < 500) {
        return sendPage(reply, <SubmitPage reference={reference} error={error.message} limits={limits} />, error.status);
      }
      throw error;
    }
  });

  app.post('/api/papers', write, async (request, reply) => {
    const user = signedIn(request);
    const { id } = parseInput(submitBody, request.body);
    const { paper, day } = await community.submit(user, id);
    return reply.status(201).send({ id: paper.id, day, submittedBy: user.username, links: { page: `/papers/${paper.id}` } });
  });

  const vote = (upvote: boolean) => async (request: FastifyRequest): Promise<VoteState> => {
    const user = signedIn(request);
    return upvote ? community.upvote(user, paperIdOf(request)) : community.removeUpvote(user, paperIdOf(request));
  };
  for (const path of ['/api/papers/:id/upvote', '/api/papers/:archive/:number/upvote']) {
    app.post(path, write, vote(true));
    app.delete(path, write, vote(false));
  }

  // The buttons: plain forms that go back to the page, or JSON for the page script (no reload).
  const voteForm = (upvote: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.viewer) return reply.redirect('/login', 303);
    const state = await vote(upvote)(request);
    if ((request.headers.accept ?? '').includes('application/json')) return state;
    // Back to the page the button was on; only its path is kept, so the redirect never leaves this site.
    const back = request.headers.referer ? new URL(request.headers.referer, 'http://local') : null;
    return reply.redirect(back ? back.pathname + back.search : `/papers/${state.id}`, 303);
  };
  for (const base of ['/papers/:id', '/papers/:archive/:number']) {
    app.post(`${base}/upvote`, write, voteForm(true));
    app.post(`${base}/unvote`, write, voteForm(false));
  }
}
