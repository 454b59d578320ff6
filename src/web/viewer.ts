// Who is looking: the session cookie, read once per request into request.viewer.
import type { FastifyInstance } from 'fastify';
import type { User } from '../accounts/account.ts';
import type { Services } from '../services.ts';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: User | null;
  }
}

export const SESSION_COOKIE = 'pb_session';

export function installViewer(app: FastifyInstance, services: Services): void {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/assets/')) return; // static files need no account
    const sessionId = request.cookies[SESSION_COOKIE];
    request.viewer = sessionId ? await services.accounts.userForSession(sessionId) : null;
  });
}
