// What write routes share: who is asking, CSRF unless an API token speaks, a rate limit per person,
// and where a form goes back to.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { Viewer } from './viewer.ts';
import { AppError } from '../errors.ts';

/** The signed-in user of a JSON request, or a 401 that says how to sign in. */
export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new AppError('unauthorized', 'Sign in, or send an API token as "Authorization: Bearer TOKEN".');
  return request.viewer;
}

/**
 * Route options for a write by a member: signed in, CSRF-checked for browser sessions (requests with an API token carry
 * no cookie, so there is nothing to forge), and limited per person — generous for people, a wall for scripts gone wrong.
 * Strangers are turned away as the request arrives, before its body is read or parsed.
 */
export function memberWrite(app: FastifyInstance, limit: { max: number; timeWindow: string } = { max: 60, timeWindow: '1 minute' }) {
  const onRequest = async (request: FastifyRequest, reply: FastifyReply) => {
    // Strangers: the API says how to authenticate; a form (say, after the session expired) goes to sign in.
    if (request.viewer) return;
    if (request.url.startsWith('/api/')) requireViewer(request);
    return reply.redirect('/login', 303);
  };
  return { onRequest, preHandler: csrfUnlessApiToken(app), config: { rateLimit: { ...limit, keyGenerator: (r: FastifyRequest) => `user:${r.viewer?.id ?? r.ip}` } } };
}

/**
 * The CSRF check, for requests that act with the browser's session: skipped with an API token (no cookie, nothing to
 * forge), and for strangers when `strangersToo` is false (a request with no session can act for nobody).
 */
export function csrfUnlessApiToken(app: FastifyInstance, options: { strangersToo: boolean } = { strangersToo: true }) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.viaApiToken || (!options.strangersToo && !request.viewer)) return;
    await new Promise<void>((resolve, reject) => {
      app.csrfProtection.call(app, request, reply, (error?: Error) => (error ? reject(error) : resolve()));
    });
  };
}

/**
 * Back to the page a form was on: its `return` field (http/components/csrf-field.view.tsx), when it is a path of this
 * site — one slash, then anything but a second slash or a backslash (`//evil.example` and `/\\evil.example` are other
 * sites to a browser) — else `fallback`. The Referer is not read: forged, it pointed off-site.
 */
export function backTo(request: FastifyRequest, fallback: string, hash = ''): string {
  const wanted = (request.body as { return?: unknown } | undefined)?.return;
  const local = typeof wanted === 'string' && wanted.length <= 2000 && /^\/(?![/\\])[^\s\\\u0000-\u001f\u007f-\u009f]*$/.test(wanted);
  if (!local) return fallback + hash;
  // A Location header is Latin-1: anything beyond ASCII (an author's name in the path) is percent-encoded, and a
  // string that cannot be (a lone surrogate) falls back. Once threw after the vote was recorded: a 500 for a success.
  try {
    return (wanted.split('#')[0] ?? fallback).replace(/[^\x21-\x7e]+/g, (text) => encodeURIComponent(text)) + hash;
  } catch {
    return fallback + hash;
  }
}

/** "hep-th/9901001" arrives in two path segments; everything else in one. */
export function paperIdParam(request: FastifyRequest): string {
  const params = request.params as { id?: string; archive?: string; number?: string };
  return params.archive && params.number ? `${params.archive}/${params.number}` : (params.id ?? '');
}

/** Wants JSON (the page script) rather than a redirect (a plain form). */
export function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

/**
 * Route options that count requests against one limit, per client and minute, shared by every route given them (all
 * kinds of search share one: a page, the API, a feed), checked as the request arrives. No limit when `perMinute` is 0.
 */
export function sharedLimit(app: FastifyInstance, perMinute: number): RouteShorthandOptions {
  if (perMinute <= 0) return {};
  const limiter = app.createRateLimit({ max: perMinute, timeWindow: '1 minute' });
  return {
    onRequest: async (request, reply) => {
      const outcome = await limiter(request);
      if (outcome.isAllowed || !outcome.isExceeded) return;
      void reply.header('retry-after', String(Math.ceil(outcome.ttl / 1000)));
      throw new AppError('rate_limited', 'Too many searches in a short time. Wait a minute and try again.');
    },
  };
}
