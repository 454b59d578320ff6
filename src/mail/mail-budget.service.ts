// How much mail strangers can make the site send. Sign-in links and digest confirmations go to whatever address is
// typed, so a limit per client alone lets many clients flood one inbox, or one script burn the sender's reputation;
// and one budget for all let 490 links to random addresses in 2 s lock every member out of signing in for the hour.
// Each requested mail is recorded with the inbox, the client network that asked and whether the address had signed in
// before. Refused: a sixth mail to one inbox in an hour; a 21st from one network (IPv4 address, IPv6 /64); past the
// hour's budget (MAIL_HOURLY_LIMIT) in all; and, for addresses never signed in, past the part of it not kept for
// members (MEMBERS_SHARE). Counted in the database, so every instance of a deployment shares the budget.
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { clientNetwork, inboxKey, MAILS_PER_INBOX_PER_HOUR, MAILS_PER_NETWORK_PER_HOUR, MEMBERS_SHARE } from './mail-budget.ts';
import * as repo from './mail-budget.repository.ts';

const HOUR = 3_600_000;

/** Who asked for a mail: the client's address (null for a command run by the operator) and whether the address is a member's. */
export interface MailAsker {
  ip: string | null;
  knownAddress: boolean;
}

/** The last hour's mail, for the admin page: how much of the budget is spent, by whom. */
export interface MailUsage {
  limit: number;
  strangersLimit: number;
  mails: number;
  strangers: number;
  busiestNetworks: Array<{ network: string; mails: number }>;
}

export function createMailBudget(db: Db, settings: { perHour: number }) {
  let lastPruned = 0;
  const strangersLimit = Math.floor(settings.perHour * (1 - MEMBERS_SHARE));
  return {
    /** Records one mail about to be sent to `email` for `kind`; throws (429, 503) when a budget is spent. */
    async spend(kind: 'sign-in' | 'subscription', email: string, now: Date = new Date(), asker: MailAsker = { ip: null, knownAddress: false }): Promise<void> {
      const since = new Date(now.getTime() - HOUR).toISOString();
      if (now.getTime() - lastPruned > HOUR) {
        lastPruned = now.getTime();
        await repo.deleteRequestsBefore(db, since);
      }
      const addressKey = inboxKey(email);
      const clientKey = asker.ip ? clientNetwork(asker.ip) : null;
      if ((await repo.countRequestsSince(db, since, { addressKey })) >= MAILS_PER_INBOX_PER_HOUR) {
        throw new AppError('rate_limited', 'Several mails have been sent to this address in the last hour. Look for them (and in the spam folder), or try again in an hour.');
      }
      if (clientKey !== null && (await repo.countRequestsSince(db, since, { clientKey })) >= MAILS_PER_NETWORK_PER_HOUR) {
        throw new AppError('rate_limited', 'Many mails have been asked for from your network in the last hour. Try again in an hour.');
      }
      if ((await repo.countRequestsSince(db, since)) >= settings.perHour) {
        throw new AppError('unavailable', 'This site has sent as much mail as it may this hour. Try again later.');
      }
      if (!asker.knownAddress && (await repo.countRequestsSince(db, since, { knownAddress: false })) >= strangersLimit) {
        throw new AppError('unavailable', 'This site has sent as much mail to new addresses as it may this hour. Try again later.');
      }
      await repo.recordRequest(db, { addressKey, kind, at: now.toISOString(), clientKey, knownAddress: asker.knownAddress });
    },

    async usage(now: Date = new Date()): Promise<MailUsage> {
      const since = new Date(now.getTime() - HOUR).toISOString();
      return {
        limit: settings.perHour,
        strangersLimit,
        mails: await repo.countRequestsSince(db, since),
        strangers: await repo.countRequestsSince(db, since, { knownAddress: false }),
        busiestNetworks: await repo.busiestNetworksSince(db, since, 5),
      };
    },
  };
}

export type MailBudget = ReturnType<typeof createMailBudget>;
