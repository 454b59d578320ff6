// Form tokens (CSRF). Each form carries a token derived from a secret in the visitor's own signed cookie and bound to
// their session: a token taken from one person's page is refused from another's, signed in or not. A page holding a
// token belongs to that visitor alone, so making one marks the request as personal, and no cache shares it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/csrf-protection'; // reply.generateCsrf
import { SESSION_COOKIE } from './request-state.ts';

/** What a token is bound to besides the visitor's secret: their session cookie, or "visitor" before they sign in. */
export function csrfBinding(request: FastifyRequest): string {
  const session = request.cookies[SESSION_COOKIE];
  return session ? `session:${session}` : 'visitor'; // never empty: the token library refuses an empty binding
}

/** A token for this visitor's forms; the response is theirs alone from then on. */
export function formToken(reply: FastifyReply): string {
  reply.request.personal = true;
  return reply.generateCsrf({ userInfo: csrfBinding(reply.request) });
}
