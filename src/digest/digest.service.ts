// Composing digests into the outbox, and sending the outbox: leased, paced, retried, recorded.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { CodeService } from '../code/code.service.ts';
import type { Mailer } from '../mail/mail.transport.ts';
import type { Paper } from '../papers/paper.ts';
import type { PapersService } from '../papers/papers.service.ts';
import type { SearchService } from '../search/search.service.ts';
import { digestSubject, digestSummary, digestWhen, selectDigestItems, type DigestItem } from './digest-compose.ts';
import { renderDigestMail } from './digest-mail.view.tsx';
import * as outbox from './outbox.repository.ts';
import { classifyDeliveryError, digestPeriod, weekdayOf, type DigestPeriod, type Frequency, type Subscription } from './subscription.ts';
import type { SubscriptionsService } from './subscriptions.service.ts';

export interface DigestSettings {
  /** Messages per second at most. */
  sendRate: number;
  maxAttempts: number;
  /** The first retry's wait; each later one doubles it. */
  retryBaseMs: number;
  /** How long a claimed digest stays with its sender before another may take it over. */
  leaseMs: number;
}

export interface ComposeResult {
  period: string;
  composed: number;
  nothingNew: number;
  alreadyComposed: number;
  /** With dryRun: what would be queued. */
  preview: Array<{ email: string; subject: string; papers: string[] }>;
}

export interface SendResult {
  sent: number;
  failed: number;
  retrying: number;
}

const PAGE = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How often a sender with nothing to claim looks again, while rows wait on retries or on other senders' leases. */
const POLL_MS = 1_000;

export function createDigestService(deps: {
  db: Db;
  papers: PapersService;
  search: SearchService;
  code: Pick<CodeService, 'mainLinks'>;
  subscriptions: SubscriptionsService;
  mailer: Mailer;
  publicUrl: string;
  settings: DigestSettings;
  log: (message: string) => void;
}) {
  const { db, papers, subscriptions, settings } = deps;
  const host = new URL(deps.publicUrl).hostname || 'paperboard.local';

  /** Topic matches among the period's papers, searched once per distinct topic per run. */
  function topicMatcher(listed: ReadonlySet<string>) {
    const cache = new Map<string, Promise<Paper[]>>();
    return (topic: string) => {
      const key = topic.toLowerCase();
      let found = cache.get(key);
      if (!found) {
        found = deps.search.keyword(topic, { limit: 100 }).then((r) => r.items.map((hit) => hit.paper).filter((p) => listed.has(p.id)));
        cache.set(key, found);
      }
      return found;
    };
  }

  /** Each item with its paper's main repository (the stars, the "Code" link) and Hugging Face's one-line summary. */
  async function withCode(items: DigestItem[]): Promise<DigestItem[]> {
    if (items.length === 0) return items;
    const [main, summaries] = await Promise.all([deps.code.mainLinks(items.map((i) => i.paper)), papers.huggingFaceSummaries(items.map((i) => i.paper))]);
    return items.map((item) => ({ ...item, code: main.get(item.paper.id) ?? null, summary: summaries.get(item.paper.id)?.summary ?? null }));
  }

  async function itemsFor(subscription: Subscription, trending: Paper[], matches: (topic: string) => Promise<Paper[]>): Promise<DigestItem[]> {
    const topicMatches = await Promise.all(subscription.topics.map(async (topic) => ({ topic, papers: await matches(topic) })));
    const candidates = [...trending, ...topicMatches.flatMap((t) => t.papers)];
    const sentKeys = await outbox.alreadySent(db, subscription.id, [...new Set(candidates.map((p) => p.pk))]);
    const alreadySent = new Set(candidates.filter((p) => sentKeys.has(p.pk)).map((p) => p.id));
    return selectDigestItems({ trending, topicMatches, alreadySent, count: subscription.paperCount, skipQuiet: subscription.skipQuiet });
  }

  const service = {
    /**
     * Puts one digest per due subscription into the outbox (or, with dryRun, says what it would put). A digest
     * already composed for the period is left alone, so an interrupted run resumes; nothing new means no digest.
     */
    async compose(period: DigestPeriod, options: { anyWeekday?: boolean; dryRun?: boolean } = {}, now: Date = new Date()): Promise<ComposeResult> {
      const result: ComposeResult = { period: period.key, composed: 0, nothingNew: 0, alreadyComposed: 0, preview: [] };
      const listed = await papers.listedIds(period);
      const trending = (await papers.list(period, { order: 'trending', limit: 100, offset: 0 })).items.map((i) => i.paper);
      const matches = topicMatcher(listed);
      const weekday = period.frequency === 'weekly' && !options.anyWeekday ? weekdayOf(period.to) : null;
      for (let afterId = 0; ; ) {
        const due = await subscriptions.due({ frequency: period.frequency, weekday, afterId, limit: PAGE });
        if (due.length === 0) break;
        afterId = (due.at(-1) as Subscription).id;
        for (const subscription of due) {
          if (await outbox.hasDigest(db, subscription.id, period.key)) {
            result.alreadyComposed += 1;
            continue;
          }
          const items = await withCode(await itemsFor(subscription, trending, matches));
          if (items.length === 0) {
            result.nothingNew += 1;
            continue;
          }
          const subject = digestSubject(period, items);
          if (options.dryRun) {
            result.preview.push({ email: subscription.email, subject, papers: items.map((i) => i.paper.id) });
            result.composed += 1;
            continue;
          }
          const links = subscriptions.links(subscription.id);
          const heading = `Trending papers, ${digestWhen(period)}`;
          const mail = renderDigestMail({
            heading, summary: digestSummary(period, items), items, email: subscription.email,
            links: { site: deps.publicUrl, preferences: links.preferences, unsubscribe: links.unsubscribe },
          });
          const paperPks = items.map((i) => i.paper.pk);
          const queued = await db.transaction(() =>
            outbox.queueDigest(db, { subscriptionId: subscription.id, period: period.key, subject, ...mail, paperPks, now: now.toISOString() }),
          );
          if (queued) result.composed += 1;
          else result.alreadyComposed += 1;
        }
      }
      return result;
    },

    /**
     * Sends what the outbox holds, one message at a time over one connection, at most `sendRate` a second.
     * Each digest is leased before it is sent and marked sent the moment the server accepts it. With
     * `waitForRetries`, waits for retries and expired leases due within `maxWaitMs` before returning.
     */
    async send(options: { waitForRetries?: boolean; maxWaitMs?: number } = {}): Promise<SendResult> {
      const holder = `${process.pid}-${randomUUID().slice(0, 8)}`;
      const result: SendResult = { sent: 0, failed: 0, retrying: 0 };
      const batch = deps.mailer.openBatch();
      const spacing = 1000 / settings.sendRate;
      let lastSend = 0;
      try {
        for (;;) {
          const now = new Date();
          const claimed = await outbox.claim(db, { holder, now: now.toISOString(), leaseUntil: new Date(now.getTime() + settings.leaseMs).toISOString(), limit: 10 });
          if (claimed.length === 0) {
            const next = await outbox.nextSendableAt(db);
            const wait = next ? Date.parse(next) - Date.now() : Infinity;
            if (!options.waitForRetries || wait > (options.maxWaitMs ?? settings.retryBaseMs * 4)) break;
            // A row may wait on another sender's lease: that sender usually sends it within the second, so look again
            // soon rather than sleep a whole lease (120 s) for rows that are sent meanwhile.
            await sleep(Math.min(Math.max(wait, 10), POLL_MS));
            continue;
          }
          for (const row of claimed) {
            if (row.subscription_status !== 'active') {
              await outbox.markFailed(db, row.id, `not sent: the subscription is ${row.subscription_status}`);
              result.failed += 1;
              continue;
            }
            const wait = lastSend + spacing - Date.now();
            if (wait > 0) await sleep(wait);
            lastSend = Date.now();
            const links = subscriptions.links(row.subscription_id);
            try {
              const sent = await batch.send({
                to: row.email,
                subject: row.subject,
                html: row.html,
                text: row.text,
                messageId: `<digest-${row.id}@${host}>`,
                headers: {
                  'List-Unsubscribe': `<${links.unsubscribe}>, <${links.mailto}>`,
                  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
                  'List-Id': `Paperboard digest <digest.${host}>`,
                  'Auto-Submitted': 'auto-generated',
                },
              });
              await outbox.markSent(db, row.id, { holder, messageId: sent.messageId, now: new Date().toISOString() });
              result.sent += 1;
            } catch (error) {
              const failure = classifyDeliveryError(error);
              if (failure.kind === 'transient' && row.attempts + 1 < settings.maxAttempts) {
                const delay = settings.retryBaseMs * 2 ** row.attempts;
                await outbox.markRetry(db, row.id, { nextAttemptAt: new Date(Date.now() + delay).toISOString(), error: failure.reason });
                result.retrying += 1;
                continue;
              }
              const why = failure.kind === 'transient' ? `gave up after ${row.attempts + 1} attempts: ${failure.reason}` : failure.reason;
              await outbox.markFailed(db, row.id, why);
              result.failed += 1;
              if (failure.kind === 'bounce') await subscriptions.suspend(row.subscription_id, `The mail server refused ${row.email}: ${failure.reason}`);
              deps.log(`digest ${row.id} to ${row.email} failed: ${why}`);
            }
          }
        }
      } finally {
        batch.close();
      }
      return result;
    },

    /** A whole run (compose, then send), recorded for /admin: what the scheduler and `digest send` do. */
    async run(frequency: Frequency, day: string, options: { anyWeekday?: boolean; dryRun?: boolean } = {}): Promise<ComposeResult & SendResult> {
      const period = digestPeriod(frequency, day);
      if (options.dryRun) return { ...(await service.compose(period, options)), sent: 0, failed: 0, retrying: 0 };
      const runId = await outbox.startRun(db, period.key, new Date().toISOString());
      try {
        const composed = await service.compose(period, options);
        const sent = await service.send({ waitForRetries: true });
        await outbox.finishRun(db, runId, { status: 'succeeded', composed: composed.composed, nothingNew: composed.nothingNew, sent: sent.sent, failed: sent.failed, error: null, now: new Date().toISOString() });
        return { ...composed, ...sent };
      } catch (error) {
        await outbox.finishRun(db, runId, { status: 'failed', composed: 0, nothingNew: 0, sent: 0, failed: 0, error: (error as Error).message, now: new Date().toISOString() });
        throw error;
      }
    },

    /** What /admin shows: subscriptions by status, the outbox by status and its latest rows, the latest runs. */
    async overview() {
      const [subscriptionCounts, outboxCounts, latest, runs] = await Promise.all([
        subscriptions.counts(),
        outbox.outboxCounts(db),
        outbox.latestOutbox(db, 20),
        outbox.latestRuns(db, 10),
      ]);
      return { subscriptionCounts, outboxCounts, latest, runs };
    },
  };
  return service;
}

export type DigestService = ReturnType<typeof createDigestService>;
export type DigestOverview = Awaited<ReturnType<DigestService['overview']>>;
