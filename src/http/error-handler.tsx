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

/** Fastify's own errors (a URL that is not valid UTF-8, a path parameter past its length) in the site's shape, not Fastify's. */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (error.statusCode ?? 400);
  const message = status === 414 ? 'This address is too long.' : 'This address is not a valid URL (its percent-encoding is broken).';
  return respond(request, reply, status, status === 414 ? 'uri_too_long' : 'bad_request', message);
}

/**
 * What a storage error means for the person waiting (the caller decides, from db/): the storage is full or unavailable
 * (503), it refused a character the request carried (a NUL in a field PostgreSQL keeps: 400), or null for any other.
 */
export type StorageTrouble = (error: unknown) => 'full' | 'unavailable' | 'refused-character' | null;

export function installErrorHandling(app: FastifyInstance, options: { storageTrouble?: StorageTrouble } = {}): void {
  // A NUL is in no address or form field anyone means; PostgreSQL refuses it in text (a 500 there before).
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url)) throw new AppError('bad_request', 'An address may not hold a NUL character (%00).');
  });

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
    const trouble = options.storageTrouble?.(error) ?? null;
    if (trouble === 'refused-character') return respond(request, reply, 400, 'bad_request', 'The request holds a character that cannot be stored (a NUL).');
    if (trouble) {
      request.log.warn({ err: error }, 'storage unavailable');
      reply.header('retry-after', '30');
      const message = trouble === 'full' ? 'The server’s disk is full, so nothing can be saved for now. Try again later.' : 'The database is unavailable for the moment. Try again in a minute.';
      return respond(request, reply, 503, 'unavailable', message);
    }
    request.log.error({ err: error }, 'unexpected error'); // only the unexpected is logged as an error
    return respond(request, reply, 500, 'internal', 'An unexpected error occurred. It has been logged.');
  });
}

