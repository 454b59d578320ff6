// A paper's code links: members suggest one (a form, and JSON), moderators confirm or remove one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CodeService } from './code.service.ts';
import { AppError } from '../errors.ts';
import { backTo, memberWrite, paperIdParam, requireViewer } from '../http/guards.ts';
import { sendPage } from '../http/render.ts';
import { parseInput } from '../http/validate.ts';
import { codeToJson } from './code.ts';
import { codeLinkBody, codeLinkForm, repositoryParam } from './code.schema.ts';
import { CodeFormPage } from './code.view.tsx';

/** Code links per member: a few a minute is a person tidying a paper's links. */
const CODE_LIMIT = { max: 10, timeWindow: '1 minute' };

const isUserError = (error: unknown): error is AppError => error instanceof AppError && error.status < 500 && error.code !== 'not_found';

/** The services these routes use (given by app/app.ts). */
export interface CodeRouteServices {
  code: CodeService;
}

export function registerCodeRoutes(app: FastifyInstance, { code }: CodeRouteServices): void {
  const write = memberWrite(app, CODE_LIMIT);
  const repositoryOf = (request: FastifyRequest) => parseInput(repositoryParam, request.params).repository;

  const add = async (request: FastifyRequest, reply: FastifyReply) => {
    const paperId = paperIdParam(request);
    const { url } = parseInput(codeLinkForm, request.body);
    try {
      await code.addByMember(requireViewer(request), paperId, url);
      return reply.redirect(`/papers/${paperId}#code-heading`, 303);
    } catch (error) {
      if (!isUserError(error)) throw error;
      return sendPage(reply, <CodeFormPage paperId={paperId} url={url} error={error.message} />, error.status);
    }
  };
  const remove = async (request: FastifyRequest, reply: FastifyReply) => {
    const paperId = paperIdParam(request);
    await code.removeByModerator(requireViewer(request), paperId, repositoryOf(request));
    return reply.redirect(backTo(request, `/papers/${paperId}`, '#code-heading'), 303);
  };
  const confirm = async (request: FastifyRequest, reply: FastifyReply) => {
    const paperId = paperIdParam(request);
    await code.confirmByModerator(requireViewer(request), paperId, repositoryOf(request));
    return reply.redirect(backTo(request, `/papers/${paperId}`, '#code-heading'), 303);
  };
  const confirmJson = async (request: FastifyRequest, reply: FastifyReply) => {
    await code.confirmByModerator(requireViewer(request), paperIdParam(request), repositoryOf(request));
    return reply.status(204).send();
  };
  const addJson = async (request: FastifyRequest, reply: FastifyReply) => {
    const { url } = parseInput(codeLinkBody, request.body);
    const link = await code.addByMember(requireViewer(request), paperIdParam(request), url);
    return reply.status(201).send(codeToJson(link));
  };
  const removeJson = async (request: FastifyRequest, reply: FastifyReply) => {
    await code.removeByModerator(requireViewer(request), paperIdParam(request), repositoryOf(request));
    return reply.status(204).send();
  };
  for (const base of ['/papers/:id', '/papers/:archive/:number']) {
    app.post(`${base}/code`, write, add);
    app.post(`${base}/code/:repository/remove`, write, remove);
    app.post(`${base}/code/:repository/confirm`, write, confirm);
    app.post(`/api${base}/code/:repository/confirm`, write, confirmJson);
    app.post(`/api${base}/code`, write, addJson);
    app.delete(`/api${base}/code/:repository`, write, removeJson);
  }
}
