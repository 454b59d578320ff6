// Signing in by mailed link, signing out (here or everywhere), and the account page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { AccountsService } from './accounts.service.ts';
import type { CommunityService } from '../community/community.service.ts';
import type { SubscriptionsService } from '../digest/subscriptions.service.ts';
import type { PapersService } from '../papers/papers.service.ts';
import { sendPage } from '../http/render.ts';
import { parseInput, parseQuery } from '../http/validate.ts';
import { SESSION_COOKIE } from '../http/request-state.ts';
import { SESSION_DAYS, type User } from './account.ts';
import { AccountPage, CheckInboxPage, ConfirmSignInPage, LoginPage, type AccountPageProps } from './account-pages.view.tsx';
import { loginBody, loginQuery, profileBody, tokenBody, tokenIdParams, tokenNameBody, tokenQuery } from './accounts.schema.ts';
import { intentFrom, type SignInIntent } from './sign-in-intent.ts';

/**
 * Links asked per client address, checked as the request arrives. What one inbox can be sent, whoever asks, is bounded
 * by the mail budget (mail/mail-budget.service.ts): five an hour, and MAIL_HOURLY_LIMIT in all.
 */
const LINK_REQUEST_LIMIT = { max: 20, timeWindow: '10 minutes' };
/** Link uses per client address: tokens are 256-bit, so this only stops hammering. */
const LINK_USE_LIMIT = { max: 30, timeWindow: '1 minute' };

/** The services these routes use (given by app/app.ts). */
export interface AccountRouteServices {
  accounts: AccountsService;
  subscriptions: SubscriptionsService;
  community: CommunityService;
  papers: PapersService;
}

export function registerAccountRoutes(app: FastifyInstance, { accounts, subscriptions, community, papers }: AccountRouteServices, options: { secureCookies: boolean }): void {
  const sessionCookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secureCookies, maxAge: SESSION_DAYS * 86_400 };
  const guarded = { preHandler: app.csrfProtection };

  const signedIn = (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.viewer) {
      void reply.redirect('/login');
      return null;
    }
    return request.viewer;
  };

  /** The account page with what it always shows (API tokens, the digest), and what this answer adds. */
  const accountPage = async (viewer: User, extra: Partial<AccountPageProps> = {}) => {
    const [tokens, digest] = await Promise.all([accounts.apiTokens(viewer.id), subscriptions.summaryFor(viewer)]);
    return <AccountPage user={viewer} tokens={tokens} digest={digest} {...extra} />;
  };

  /** The title of the paper an intent is about, for the sign-in page to name it. */
  const paperTitle = async (intent: SignInIntent | null) => (intent?.paperId ? ((await papers.find(intent.paperId))?.paper.title ?? null) : null);

  app.get('/login', async (request, reply) => {
    const intent = intentFrom(parseQuery(request, loginQuery));
    if (request.viewer) return reply.redirect(intent?.next ?? '/account');
    return sendPage(reply, <LoginPage intent={intent} paperTitle={await paperTitle(intent)} />);
  });

  app.post('/login', { ...guarded, config: { rateLimit: LINK_REQUEST_LIMIT } }, async (request, reply) => {
    const body = parseInput(loginBody, request.body);
    const { email } = body;
    const intent = intentFrom(body);
    try {
      await accounts.requestSignIn(email, new Date(), { ip: request.ip }, intent);
    } catch (error) {
      // A bad address, or a spent mail budget: said on the form, with what was typed.
      if (error instanceof AppError && ['bad_request', 'rate_limited', 'unavailable'].includes(error.code)) {
        return sendPage(reply, <LoginPage email={email} intent={intent} paperTitle={await paperTitle(intent)} error={error.message.replace(/^email: /, '')} />, error.status);
      }
      throw error;
    }
    return sendPage(reply, <CheckInboxPage email={email.trim()} />);
  });

  // Opening the link only asks to confirm: mail scanners that follow links do not use it up.
  app.get('/login/verify', async (request, reply) => {
    const { token, intent } = parseQuery(request, tokenQuery);
    const usable = token ? await accounts.peekSignIn(token) : null;
    return sendPage(reply, <ConfirmSignInPage token={token} intent={intent ?? null} email={usable?.email ?? null} />, usable ? 200 : 400);
  });

  app.post('/login/verify', { ...guarded, config: { rateLimit: LINK_USE_LIMIT } }, async (request, reply) => {
    const { token, intent } = parseInput(tokenBody, request.body);
    const signedInNow = token ? await accounts.completeSignIn(token, { userAgent: request.headers['user-agent'] ?? null, ...(intent ? { intent } : {}) }) : null;
    if (!signedInNow) return sendPage(reply, <ConfirmSignInPage token="" intent={null} email={null} />, 400);
    reply.setCookie(SESSION_COOKIE, signedInNow.sessionId, sessionCookie);
    const asked = signedInNow.intent;
    // The vote they asked for before signing in; a paper gone meanwhile, or already upvoted, changes nothing.
    if (asked?.action === 'upvote' && asked.paperId) await community.upvote(signedInNow.user, asked.paperId).catch(() => undefined);
    return reply.redirect(asked?.next ?? '/', 303);
  });

  app.post('/logout', guarded, async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) await accounts.signOut(sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.post('/logout/all', guarded, async (request, reply) => {
    const viewer = signedIn(request, reply);
    if (!viewer) return reply;
    await accounts.signOutEverywhere(viewer.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.get('/account', async (request, reply) => {
    const viewer = signedIn(request, reply);
    if (!viewer) return reply;
    const saved = (request.query as { saved?: string }).saved === '1';
    return sendPage(reply, await accountPage(viewer, saved ? { notice: 'Saved.' } : {}));
  });

  app.post('/account', guarded, async (request, reply) => {
    const viewer = signedIn(request, reply);
    if (!viewer) return reply;
    const { username, displayName, showUpvotes } = parseInput(profileBody, request.body);
    try {
      await accounts.updateProfile(viewer.id, { username, displayName, showUpvotes });
    } catch (error) {
      if (error instanceof AppError && (error.code === 'bad_request' || error.code === 'conflict')) {
        return sendPage(reply, await accountPage(viewer, { user: { ...viewer, username, displayName, showUpvotes }, error: error.message }), error.status);
      }
      throw error;
    }
    return reply.redirect('/account?saved=1', 303);
  });

  app.post('/account/tokens', guarded, async (request, reply) => {
    const viewer = signedIn(request, reply);
    if (!viewer) return reply;
    const { name } = parseInput(tokenNameBody, request.body);
    try {
      const { token } = await accounts.createApiToken(viewer.id, name);
      // Shown in this response only; never stored, never shown again.
      reply.header('cache-control', 'no-store');
      return sendPage(reply, await accountPage(viewer, { newToken: token }));
    } catch (error) {
      if (error instanceof AppError && error.code === 'bad_request') {
        return sendPage(reply, await accountPage(viewer, { error: error.message }), 400);
      }
      throw error;
    }
  });

  app.post('/account/tokens/:id/revoke', guarded, async (request, reply) => {
    const viewer = signedIn(request, reply);
    if (!viewer) return reply;
    const { id } = parseInput(tokenIdParams, request.params);
    if (!(await accounts.revokeApiToken(viewer.id, id))) throw new AppError('not_found', 'No such token on your account.');
    return reply.redirect('/account', 303);
  });

  /** Who the request is: a signed-in browser or an API token. */
  app.get('/api/me', async (request) => {
    const viewer = request.viewer;
    if (!viewer) throw new AppError('unauthorized', 'Sign in, or send an API token as "Authorization: Bearer TOKEN".');
    return { username: viewer.username, displayName: viewer.displayName, role: viewer.role };
  });
}
