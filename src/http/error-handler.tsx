// One place that turns errors into responses: JSON under /api, a readable page elsewhere.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorStatus, type ErrorCode } from '../errors.ts';
import { ErrorPage } from './error-page.view.tsx';
import { sendPage } from './render.ts';

const wantsJson = (request: FastifyRequest) => request.url.startsWith('/api/') || request.url === '/api';

function respond(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string) {
  if (wantsJson(request)) return reply.status(status).send({ error: { code, message } });
  return sendPage(reply, <ErrorPage status={status} message={message} />, status);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    respond(request, reply, 404, 'not_found', `Nothing lives at ${request.url.split('?')[0]}.`),
  );

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return respond(request, reply, error.status, error.code, error.message);
    const status = (error as FastifyError).statusCode ?? 500;
    if ((error as FastifyError).code?.startsWith('FST_CSRF')) {
      return respond(request, reply, 403, 'forbidden', 'This form has expired or did not come from this site. Reload the page and try again.');
    }
    if (status === 429) {
      return respond(request, reply, 429, 'rate_limited', 'Too many requests in a short time. Wait a minute and try again.');
    }
    if (status < 500) {
      const code = (Object.entries(errorStatus).find(([, s]) => s === status)?.[0] ?? 'bad_request') as ErrorCode;
      return respond(request, reply, status, code, error.message);
    }
    request.log.error({ err: error }, 'unexpected error'); // only the unexpected is logged as an error
    return respond(request, reply, 500, 'internal', 'An unexpected error occurred. It has been logged.');
  });
}
