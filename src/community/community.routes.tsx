// Submitting papers and upvoting them: pages and forms for people, JSON for tools (API token or session).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';
import { backTo, memberWrite, paperIdParam, requireViewer, wantsJson } from '../web/guards.ts';
import { sendPage } from '../web/render.ts';
import { parseInput } from '../web/validate.ts';
import { SubmitPage } from './community.view.tsx';
import { submitBody, submitForm } from './community.schema.ts';
import type { VoteState } from './community.service.ts';

export function registerCommunityRoutes(app: FastifyInstance, services: Services, limits: { maxAgeDays: number; dailyCap: number }): void {
  const { community } = services;
  const write = memberWrite(app);
  // Submissions have their own daily cap; this only stops a script from hammering.
  const submitWrite = memberWrite(app, { max: 20, timeWindow: '1 minute' });

  app.get('/submit', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/login');
    return sendPage(reply, <SubmitPage limits={limits} />);
  });

  app.post('/submit', submitWrite, async (request, reply) => {
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
}
