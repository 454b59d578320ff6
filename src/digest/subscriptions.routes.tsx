// Subscribing (page and API), confirming, preferences by signed link, and RFC 8058 one-click unsubscribe.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { SubscriptionsService } from './subscriptions.service.ts';
import { csrfUnlessApiToken, memberWrite, requireViewer } from '../http/guards.ts';
import { sendPage } from '../http/render.ts';
import { parseInput, parseQuery } from '../http/validate.ts';
import { confirmForm, confirmQuery, keyQuery, preferencesForm, preferencesPatch, subscribeBody, subscribeQuery, subscriptionToJson } from './digest.schema.ts';
import { ConfirmSubscriptionPage, PreferencesPage, SubscribePage, SubscribeResultPage, UnsubscribePage } from './subscribe.view.tsx';
import { parseTopics, type Preferences } from './subscription.ts';

/**
 * Subscriptions asked per client address, checked as the request arrives. What one inbox can be sent, whoever asks,
 * is bounded by the mail budget (mail/mail-budget.service.ts).
 */
const SUBSCRIBE_LIMIT = { max: 20, timeWindow: '10 minutes' };

function preferencesFrom(form: { frequency: string; weeklyDay: string; paperCount: string; topics: string; skipQuiet?: 'on' | undefined }): Preferences {
  return {
    frequency: form.frequency as Preferences['frequency'], weeklyDay: Number(form.weeklyDay), paperCount: Number(form.paperCount), topics: parseTopics(form.topics),
    skipQuiet: form.skipQuiet === 'on',
  };
}

const isUserError = (error: unknown): error is AppError => error instanceof AppError && (error.status < 500 || error.code === 'unavailable');

/** The services these routes use (given by app/app.ts). */
export interface SubscriptionRouteServices {
  subscriptions: SubscriptionsService;
}

export function registerSubscriptionRoutes(app: FastifyInstance, { subscriptions }: SubscriptionRouteServices): void {
  const guarded = { preHandler: app.csrfProtection, config: { rateLimit: SUBSCRIBE_LIMIT } };

  app.get('/subscribe', async (request, reply) => {
    const { email } = parseQuery(request, subscribeQuery);
    const current = request.viewer ? await subscriptions.summaryFor(request.viewer) : null;
    return sendPage(reply, <SubscribePage viewer={request.viewer} email={email ?? ''} current={current} />);
  });

  app.post('/subscribe', guarded, async (request, reply) => {
    const form = parseInput(preferencesForm, request.body);
    const preferences = preferencesFrom(form);
    try {
      const { active, subscription } = await subscriptions.subscribe({ email: form.email, preferences, ip: request.ip }, request.viewer);
      const preferencesUrl = subscription ? subscriptions.links(subscription.id).preferences : undefined;
      return sendPage(reply, <SubscribeResultPage email={form.email.trim()} active={active} preferencesUrl={preferencesUrl} />);
    } catch (error) {
      if (!isUserError(error)) throw error;
      const kept = { ...preferences, weeklyDay: preferences.weeklyDay || 1, paperCount: preferences.paperCount || 10 };
      return sendPage(reply, <SubscribePage viewer={request.viewer} email={form.email} preferences={kept} error={error.message} />, error.status);
    }
  });

  // Opening the link asks to confirm: mail scanners that follow links do not subscribe anyone.
  app.get('/subscribe/confirm', async (request, reply) => {
    const { token } = parseQuery(request, confirmQuery);
    return sendPage(reply, <ConfirmSubscriptionPage token={token} confirmed={null} />);
  });

  app.post('/subscribe/confirm', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { token } = parseInput(confirmForm, request.body);
    const confirmed = token ? await subscriptions.confirm(token) : null;
    const preferencesUrl = confirmed ? subscriptions.links(confirmed.id).preferences : undefined;
    return sendPage(reply, <ConfirmSubscriptionPage token="" confirmed={confirmed !== null} preferencesUrl={preferencesUrl} />, confirmed ? 200 : 400);
  });

  app.get('/subscription', async (request, reply) => {
    const { s } = parseQuery(request, keyQuery);
    const subscription = await subscriptions.byKey(s);
    const saved = (request.query as { saved?: string }).saved === '1';
    return sendPage(reply.header('cache-control', 'no-store'), <PreferencesPage subscription={subscription} keyParam={s} notice={saved ? 'Saved.' : undefined} />);
  });

  app.post('/subscription', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { s } = parseQuery(request, keyQuery);
    const subscription = await subscriptions.byKey(s);
    const form = parseInput(preferencesForm, request.body);
    try {
      await subscriptions.update(subscription.id, { preferences: preferencesFrom(form), paused: form.paused === 'on' });
    } catch (error) {
      if (!isUserError(error)) throw error;
      return sendPage(reply, <PreferencesPage subscription={subscription} keyParam={s} error={error.message} />, error.status);
    }
    return reply.redirect(`/subscription?s=${encodeURIComponent(s)}&saved=1`, 303);
  });

  app.get('/unsubscribe', async (request, reply) => {
    const { s } = parseQuery(request, keyQuery);
    const subscription = await subscriptions.byKey(s);
    return sendPage(reply, <UnsubscribePage keyParam={s} done={subscription.status === 'unsubscribed'} email={subscription.email} />);
  });

  // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" here, without cookies. The signed key is
  // the authority, so there is no CSRF token to check (and no harm a forged request could do but this).
  app.post('/unsubscribe', async (request, reply) => {
    const { s } = parseQuery(request, keyQuery);
    const subscription = await subscriptions.byKey(s);
    await subscriptions.unsubscribe(subscription.id);
    return sendPage(reply, <UnsubscribePage keyParam={s} done email={subscription.email} />);
  });

  // JSON: subscribe without an account (it sends the confirmation), or read and change one's own with a token or session.
  // A session cookie makes this request act for the member (their own address is active at once), so a browser's
  // request must carry the CSRF token like any form; an API token or no account at all needs none.
  app.post('/api/subscriptions', { preHandler: csrfUnlessApiToken(app, { strangersToo: false }), config: { rateLimit: SUBSCRIBE_LIMIT } }, async (request, reply) => {
    const { email, ...preferences } = parseInput(subscribeBody, request.body);
    const { active, subscription } = await subscriptions.subscribe({ email, preferences, ip: request.ip }, request.viewer);
    if (active && subscription) return reply.status(201).send({ status: 'active', subscription: subscriptionToJson(subscription) });
    return reply.status(202).send({ status: 'confirmation_sent', message: `If ${email.trim()} can receive mail, a confirmation link is on its way.` });
  });

  const mine = async (request: FastifyRequest) => {
    const found = await subscriptions.forUser(requireViewer(request));
    if (!found) throw new AppError('not_found', 'You have no subscription yet: POST /api/subscriptions, or /subscribe.');
    return found;
  };
  app.get('/api/subscriptions/me', async (request) => subscriptionToJson(await mine(request)));
  app.patch('/api/subscriptions/me', memberWrite(app), async (request) => {
    const current = await mine(request);
    const { paused, ...changes } = parseInput(preferencesPatch, request.body);
    const stillPaused = paused ?? current.status === 'paused';
    return subscriptionToJson(await subscriptions.update(current.id, { preferences: { ...current, ...changes }, paused: stillPaused }));
  });
}
