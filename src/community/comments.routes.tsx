// Comments: forms for people (each works without JavaScript), JSON for tools, and the moderators' actions.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { CommentsService } from './comments.service.ts';
import type { PapersService } from '../papers/papers.service.ts';
import { backTo, memberWrite, paperIdParam, requireViewer } from '../http/guards.ts';
import { sendPage } from '../http/render.ts';
import { parseInput, parseQuery } from '../http/validate.ts';
import { commentToJson, visibleThreads } from './comment.ts';
import { commentForm, commentIdParams, commentJsonBody, commentsPageQuery, editForm, flagForm } from './comments.schema.ts';
import { CommentFormPage, commentPath } from './comments.view.tsx';

/** Comments per person: a lively thread is a few a minute; a flood is not a discussion. */
const COMMENT_LIMIT = { max: 10, timeWindow: '1 minute' };

/** A refused form is shown again with its text and the reason; anything else is a real error. */
function isUserError(error: unknown): error is AppError {
  return error instanceof AppError && error.status < 500 && error.code !== 'not_found';
}

/** The services these routes use (given by app/app.ts). */
export interface CommentRouteServices {
  comments: CommentsService;
  papers: PapersService;
}

export function registerCommentRoutes(app: FastifyInstance, { comments, papers }: CommentRouteServices): void {
  const write = memberWrite(app);
  const commentWrite = memberWrite(app, COMMENT_LIMIT);
  const idOf = (request: FastifyRequest) => parseInput(commentIdParams, request.params).id;

  const post = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.viewer) return reply.redirect('/login', 303);
    const paperId = paperIdParam(request);
    const { body, parentId } = parseInput(commentForm, request.body);
    try {
      const comment = await comments.add(request.viewer, { paperId, body, parentId });
      return reply.redirect(commentPath(comment), 303);
    } catch (error) {
      if (!isUserError(error)) throw error;
      const page = <CommentFormPage title="Your comment" action={`/papers/${paperId}/comments`} paperId={paperId} body={body} parentId={parentId} error={error.message} />;
      return sendPage(reply, page, error.status);
    }
  };
  for (const base of ['/papers/:id', '/papers/:archive/:number']) app.post(`${base}/comments`, commentWrite, post);

  app.get('/comments/:id/edit', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/login');
    const comment = await comments.forEditing(request.viewer, idOf(request));
    return sendPage(reply, <CommentFormPage title="Edit your comment" action={`/comments/${comment.id}/edit`} paperId={comment.paperId} body={comment.body} />);
  });

  app.post('/comments/:id/edit', write, async (request, reply) => {
    if (!request.viewer) return reply.redirect('/login', 303);
    const id = idOf(request);
    const { body } = parseInput(editForm, request.body);
    try {
      return reply.redirect(commentPath(await comments.edit(request.viewer, id, body)), 303);
    } catch (error) {
      if (!isUserError(error)) throw error;
      const page = <CommentFormPage title="Edit your comment" action={`/comments/${id}/edit`} paperId={await comments.paperOf(id)} body={body} error={error.message} />;
      return sendPage(reply, page, error.status);
    }
  });

  // Delete, flag, hide, restore: plain forms that go back where they came from (the paper, or /admin).
  const act = (run: (request: FastifyRequest, id: number) => Promise<unknown>) => async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.viewer) return reply.redirect('/login', 303);
    const id = idOf(request);
    await run(request, id);
    return reply.redirect(backTo(request, `/papers/${await comments.paperOf(id)}`, `#comment-${id}`), 303);
  };
  const viewer = (request: FastifyRequest) => requireViewer(request);
  app.post('/comments/:id/delete', write, act((request, id) => comments.remove(viewer(request), id)));
  // Flagging says so to the flagger: back on the paper, a thank-you at the comment.
  app.post('/comments/:id/flag', write, async (request, reply) => {
    const id = idOf(request);
    await comments.flag(viewer(request), id, parseInput(flagForm, request.body).reason);
    return reply.redirect(`/papers/${await comments.paperOf(id)}?flagged=${id}#comment-${id}`, 303);
  });
  app.post('/comments/:id/hide', write, act((request, id) => comments.moderate(viewer(request), id, true)));
  app.post('/comments/:id/restore', write, act((request, id) => comments.moderate(viewer(request), id, false)));

  // JSON: read a paper's discussion; comment with a token or session.
  const list = async (request: FastifyRequest, reply: FastifyReply) => {
    const { p } = parseQuery(request, commentsPageQuery);
    const paperId = paperIdParam(request);
    const { paper } = await papers.get(paperId);
    const discussion = await comments.threads(paper, p);
    // The shape stays a list of threads; the pages go in headers (RFC 8288 links, as GitHub's API does).
    void reply.header('x-total-count', String(discussion.total));
    if (discussion.page < discussion.pages) void reply.header('link', `</api/papers/${paperId}/comments?p=${discussion.page + 1}>; rel="next"`);
    const threads = visibleThreads(discussion.threads, request.viewer);
    return threads.map((t) => ({ ...commentToJson(t.comment), replies: t.replies.map(commentToJson) }));
  };
  const create = async (request: FastifyRequest, reply: FastifyReply) => {
    const user = requireViewer(request);
    const { body, parentId } = parseInput(commentJsonBody, request.body);
    const comment = await comments.add(user, { paperId: paperIdParam(request), body, parentId });
    return reply.status(201).send(commentToJson(comment));
  };
  for (const base of ['/api/papers/:id', '/api/papers/:archive/:number']) {
    app.get(`${base}/comments`, list);
    app.post(`${base}/comments`, commentWrite, create);
  }
  app.delete('/api/comments/:id', write, async (request) => commentToJson(await comments.remove(requireViewer(request), idOf(request))));
}
