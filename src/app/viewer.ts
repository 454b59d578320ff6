// Who is looking: an API token (Authorization: Bearer) or the session cookie, read once per request.
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../http/request-state.ts';
import { AppError } from '../errors.ts';
import type { Services } from './services.ts';


export function installViewer(app: FastifyInstance, services: Services): void {
  app.decorateRequest('viewer', null);
  app.decorateRequest('viaApiToken', false);
  app.addHook('onRequest', async (request) => {
    // Static files need no account; /metrics reads its own bearer token (METRICS_TOKEN), not a member's API token.
    if (request.url.startsWith('/assets/') || request.url.startsWith('/metrics')) return;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      request.viewer = await services.accounts.userForApiToken(bearer);
      request.viaApiToken = true;
      if (!request.viewer) throw new AppError('unauthorized', 'That API token is not valid (revoked, or mistyped).');
      return;
    }
    const sessionId = request.cookies[SESSION_COOKIE];
    request.viewer = sessionId ? await services.accounts.userForSession(sessionId) : null;
  });
}
