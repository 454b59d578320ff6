// Subscribing to the digest: double opt-in by mail, signed links to preferences, pause, unsubscribe, suspension.
import { emailSchema, hashSecret, newSecret, type User } from '../accounts/account.ts';
import type { Db } from '../db/database.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { renderMail } from '../mail/mail-layout.view.tsx';
import type { Mailer } from '../mail/mail.transport.ts';
import type { MailBudget } from '../mail/mail-budget.service.ts';
import { defaultPreferences, describeSubscription, preferencesSchema, signSubscription, verifySubscriptionKey, type DigestSummary, type Preferences, type Subscription } from './subscription.ts';
import * as repo from './subscriptions.repository.ts';

export interface SubscriptionLinks {
  preferences: string;
  unsubscribe: string;
  /** For List-Unsubscribe's mailto form. */
  mailto: string;
}

function validEmail(input: string): string {
  const parsed = emailSchema.safeParse(input);
  if (!parsed.success) throw badRequest(`email: ${parsed.error.issues[0]?.message ?? 'enter an email address'}`);
  return parsed.data;
}

export function validPreferences(input: unknown): Preferences {
  const parsed = preferencesSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`${issue?.path.join('.') || 'preferences'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function createSubscriptionsService(deps: { db: Db; mailer: Mailer; mailBudget: MailBudget; publicUrl: string; secret: string; mailFrom: string }) {
  const { db, publicUrl } = deps;
  const fromAddress = /<([^>]+)>/.exec(deps.mailFrom)?.[1] ?? deps.mailFrom;

  const links = (id: number): SubscriptionLinks => {
    const key = signSubscription(id, deps.secret);
    return {
      preferences: `${publicUrl}/subscription?s=${key}`,
      unsubscribe: `${publicUrl}/unsubscribe?s=${key}`,
      mailto: `mailto:${fromAddress}?subject=${encodeURIComponent(`unsubscribe ${key}`)}`,
    };
  };

  async function mailConfirmation(subscription: Subscription, token: string): Promise<void> {
    const url = `${publicUrl}/subscribe/confirm?token=${token}`;
    const mail = renderMail({
      preheader: 'One click to confirm your Paperboard digest.',
      heading: 'Confirm your subscription',
      paragraphs: [
        `Someone, hopefully you, subscribed ${subscription.email} to Paperboard's ${subscription.frequency} digest of trending papers.`,
        'Nothing will be sent until you confirm. If it was not you, ignore this mail.',
      ],
      action: { label: 'Confirm my subscription', url },
      footer: `Sent by Paperboard at ${publicUrl}.`,
    });
    await deps.mailer.send({ to: subscription.email, subject: 'Confirm your Paperboard digest', ...mail });
  }

  async function mailManageLink(subscription: Subscription): Promise<void> {
    const mail = renderMail({
      preheader: 'You are already subscribed to the Paperboard digest.',
      heading: 'You are already subscribed',
      paragraphs: [`${subscription.email} already receives Paperboard's digest. Change how often, which topics, or stop it here:`],
      action: { label: 'My digest preferences', url: links(subscription.id).preferences },
      footer: `Sent by Paperboard at ${publicUrl}.`,
    });
    await deps.mailer.send({ to: subscription.email, subject: 'Your Paperboard digest', ...mail });
  }

  return {
    links,

    /**
     * Subscribes an address. A signed-in member subscribing their own (verified) address is active at once;
     * anyone else gets a confirmation mail. The answer never says whether the address was known.
     */
    async subscribe(input: { email: string; preferences?: Partial<Preferences>; ip?: string | null }, viewer: User | null, now: Date = new Date()): Promise<{ active: boolean; subscription: Subscription | null }> {
      const email = validEmail(input.email);
      const preferences = validPreferences({ ...defaultPreferences, ...input.preferences });
      const verified = viewer !== null && viewer.email === email;
      const existing = await repo.findByEmail(db, email);
      const stamp = now.toISOString();
      if (verified) {
        if (existing) {
          await repo.update(db, existing.id, { preferences, status: 'active', tokenHash: null, userId: viewer.id, suspendedReason: null, confirmedAt: stamp, now: stamp });
          return { active: true, subscription: await repo.findById(db, existing.id) };
        }
        return { active: true, subscription: await repo.insertPending(db, { email, userId: viewer.id, preferences, tokenHash: null, status: 'active', now: stamp }) };
      }
      // Either mail below; an address that already confirmed a subscription draws on the members' part of the budget.
      await deps.mailBudget.spend('subscription', email, now, { ip: input.ip ?? null, knownAddress: existing?.confirmedAt != null });
      if (existing && (existing.status === 'active' || existing.status === 'paused')) {
        await mailManageLink(existing);
        return { active: false, subscription: null };
      }
      const token = newSecret();
      let subscription: Subscription;
      if (existing) {
        await repo.update(db, existing.id, { preferences, status: 'pending', tokenHash: hashSecret(token), now: stamp });
        subscription = (await repo.findById(db, existing.id)) as Subscription;
      } else {
        subscription = await repo.insertPending(db, { email, userId: null, preferences, tokenHash: hashSecret(token), status: 'pending', now: stamp });
      }
      await mailConfirmation(subscription, token);
      return { active: false, subscription: null };
    },

    /** The confirmation link: activates the subscription once; null when the link is unknown or used. */
    async confirm(token: string, now: Date = new Date()): Promise<Subscription | null> {
      const found = await repo.findByConfirmHash(db, hashSecret(token));
      if (!found) return null;
      await repo.update(db, found.id, { status: 'active', tokenHash: null, confirmedAt: now.toISOString(), now: now.toISOString() });
      return repo.findById(db, found.id);
    },

    /** The subscription a signed link names; a 404 for a link that was altered. */
    async byKey(key: string): Promise<Subscription> {
      const id = verifySubscriptionKey(key, deps.secret);
      const found = id === null ? null : await repo.findById(db, id);
      if (!found) throw notFound('This subscription link is not valid. Links in recent digests always work.');
      return found;
    },

    async forUser(user: User): Promise<Subscription | null> {
      return repo.findByEmail(db, user.email.toLowerCase());
    },

    /** A member's digest in words, and where to change it: the account page and /subscribe show it. */
    async summaryFor(user: User): Promise<DigestSummary | null> {
      const subscription = await repo.findByEmail(db, user.email.toLowerCase());
      if (!subscription || subscription.status === 'unsubscribed') return null;
      return { status: subscription.status, text: describeSubscription(subscription), editUrl: links(subscription.id).preferences };
    },

    /** Saves preferences; `paused` pauses or resumes. A pending, unsubscribed or suspended subscription comes back to life. */
    async update(id: number, input: { preferences: unknown; paused?: boolean }, now: Date = new Date()): Promise<Subscription> {
      const preferences = validPreferences(input.preferences);
      const current = await repo.findById(db, id);
      if (!current) throw notFound('There is no such subscription.');
      const status = input.paused ? 'paused' : 'active';
      await repo.update(db, id, { preferences, status, tokenHash: null, suspendedReason: null, now: now.toISOString() });
      return (await repo.findById(db, id)) as Subscription;
    },

    async unsubscribe(id: number, now: Date = new Date()): Promise<void> {
      await repo.update(db, id, { status: 'unsubscribed', now: now.toISOString() });
    },

    /** A permanent delivery failure (the address does not exist): no more mail until the subscriber acts. */
    async suspend(id: number, reason: string, now: Date = new Date()): Promise<void> {
      await repo.update(db, id, { status: 'suspended', suspendedReason: reason, now: now.toISOString() });
    },

    due(q: Parameters<typeof repo.due>[1]) {
      return repo.due(db, q);
    },

    counts() {
      return repo.countByStatus(db);
    },

    async get(id: number): Promise<Subscription> {
      const found = await repo.findById(db, id);
      if (!found) throw new AppError('not_found', 'There is no such subscription.');
      return found;
    },
  };
}

export type SubscriptionsService = ReturnType<typeof createSubscriptionsService>;
