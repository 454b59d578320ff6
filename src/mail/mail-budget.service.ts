// How much mail strangers can make the site send. Sign-in links and digest confirmations go to whatever address is
// typed, so a limit per client alone lets many clients flood one inbox, or one script burn the sender's reputation.
// Each requested mail is recorded: at most MAILS_PER_INBOX_PER_HOUR to one inbox (+tags folded), and MAIL_HOURLY_LIMIT
// in all; past either, the request is refused with a message that says when to come back. Counted in the database,
// so every instance of a deployment shares the budget.
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { inboxKey, MAILS_PER_INBOX_PER_HOUR } from './mail-budget.ts';
import * as repo from './mail-budget.repository.ts';

const HOUR = 3_600_000;

export function createMailBudget(db: Db, settings: { perHour: number }) {
  let lastPruned = 0;
  return {
    /** Records one mail about to be sent to `email` for `kind`; throws (429, 503) when the budget is spent. */
    async spend(kind: 'sign-in' | 'subscription', email: string, now: Date = new Date()): Promise<void> {
      const since = new Date(now.getTime() - HOUR).toISOString();
      if (now.getTime() - lastPruned > HOUR) {
        lastPruned = now.getTime();
        await repo.deleteRequestsBefore(db, since);
      }
      const addressKey = inboxKey(email);
      if ((await repo.countRequestsSince(db, since, addressKey)) >= MAILS_PER_INBOX_PER_HOUR) {
        throw new AppError('rate_limited', 'Several mails have been sent to this address in the last hour. Look for them (and in the spam folder), or try again in an hour.');
      }
      if ((await repo.countRequestsSince(db, since)) >= settings.perHour) {
        throw new AppError('unavailable', 'This site has sent as much mail as it may this hour. Try again later.');
      }
      await repo.recordRequest(db, { addressKey, kind, at: now.toISOString() });
    },
  };
}

export type MailBudget = ReturnType<typeof createMailBudget>;
