// What members do with papers: bring them to today's list, and upvote them.
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { User } from '../accounts/account.ts';
import type { Db } from '../db/database.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { today } from '../time.ts';
import type { ArxivApiService } from '../ingest/arxiv-api.service.ts';
import { parseArxivId } from '../papers/paper-id.ts';
import type { Paper, PaperRef, PaperSignals } from '../papers/paper.ts';
import type { PapersService } from '../papers/papers.service.ts';
import * as repo from './community.repository.ts';
import { versionedCache } from '../versioned-cache.ts';

const DAY = 86_400_000;

export interface CommunityLimits {
  submitMaxAgeDays: number;
  submitDailyCap: number;
}

export interface VoteState {
  id: string;
  upvoted: boolean;
  upvotes: number;
}

export function createCommunityService(deps: {
  db: Db;
  papers: PapersService;
  accounts: AccountsService;
  arxivApi: ArxivApiService;
  limits: CommunityLimits;
  /** Changes with the stored data: who submitted what is cached against it. */
  dataVersion: () => string;
}) {
  const { db, papers } = deps;

  async function keyOrFail(id: string): Promise<number> {
    const ref = parseArxivId(id);
    const pk = await papers.keyOf(ref?.id ?? id);
    if (pk === null) throw notFound(`No paper with the id "${id}" is stored here.`);
    return pk;
  }

  /** Integer key → paper id, for the stored papers among `paperIds`. */
  async function keysOf(paperIds: readonly string[]): Promise<Map<number, string>> {
    return new Map([...(await papers.keysOf(paperIds))].map(([id, pk]) => [pk, id]));
  }

  /** Who submitted each paper: the latest submission's member. */
  async function loadSignals(refs: readonly PaperRef[]): Promise<Map<string, PaperSignals>> {
    const submitters = await repo.latestSubmitters(db, refs.map((r) => r.pk));
    const names = await deps.accounts.usernames([...new Set(submitters.values())]);
    return new Map(
      refs.map(({ id, pk }) => {
        const userId = submitters.get(pk);
        return [id, { submittedBy: userId === undefined ? null : (names.get(userId) ?? null) }];
      }),
    );
  }

  const remember = versionedCache(deps.dataVersion);

  return {
    /**
     * Puts a paper on today's list, "submitted by" the user. The paper comes from the store, or from the
     * arXiv API when it is new here. Refused: what is no arXiv id, a paper too old, one already on today's list,
     * and past the daily cap.
     */
    async submit(user: User, reference: string, now: Date = new Date()): Promise<{ paper: Paper; day: string }> {
      const ref = parseArxivId(reference);
      if (!ref) throw badRequest(`"${reference.trim().slice(0, 100)}" is not an arXiv id or arXiv URL (for example 2401.01234 or https://arxiv.org/abs/2401.01234).`);
      const day = today(now);
      const since = `${day}T00:00:00.000Z`;
      if ((await repo.countSubmissionsSince(db, user.id, since)) >= deps.limits.submitDailyCap) {
        throw new AppError('rate_limited', `You have submitted ${deps.limits.submitDailyCap} papers today, the most a day. Thank you! More tomorrow.`);
      }
      let found = await papers.find(ref.id, { includeHidden: true });
      if (found?.paper.hiddenAt) throw new AppError('conflict', `${ref.id} was hidden by this site's moderators and cannot be submitted.`);
      if (!found) {
        // A person is waiting: arXiv gets one quick retry, and its silence is a 503 that says so (arxiv-api.service).
        const looked = await deps.arxivApi.lookup([ref.id], { impatient: true });
        found = await papers.find(ref.id);
        if (!found) throw notFound(`arXiv does not know ${ref.id}${looked.errors[0] ? ` (${looked.errors[0].message})` : ''}.`);
      }
      const { paper } = found;
      const published = paper.publishedAt ? Date.parse(paper.publishedAt) : NaN;
      if (Number.isFinite(published) && now.getTime() - published > deps.limits.submitMaxAgeDays * DAY) {
        throw badRequest(
          `${paper.id} was first published on ${paper.publishedAt?.slice(0, 10)}, more than ${deps.limits.submitMaxAgeDays} days ago: only recent papers can be submitted.`,
        );
      }
      if (found.listings.some((l) => l.day === day)) {
        throw new AppError('conflict', `${paper.id} is already on today's list: /papers/${paper.id}`);
      }
      const pk = await keyOrFail(paper.id);
      const added = await db.transaction(async () => {
        if (!(await repo.insertSubmission(db, { paperPk: pk, userId: user.id, day, now: now.toISOString() }))) return false;
        await papers.listPaper(pk, day, 'submitted');
        return true;
      });
      if (!added) throw new AppError('conflict', `${paper.id} is already on today's list: /papers/${paper.id}`);
      return { paper, day };
    },

    /** One upvote per user and paper: a second one changes nothing. Counted in the same transaction. */
    async upvote(user: User, id: string, now: Date = new Date()): Promise<VoteState> {
      const pk = await keyOrFail(id);
      return db.transaction(async () => {
        const added = await repo.addVote(db, pk, user.id, now.toISOString());
        const upvotes = await papers.adjustUpvotes(pk, added ? 1 : 0);
        return { id: parseArxivId(id)?.id ?? id, upvoted: true, upvotes };
      });
    },

    async removeUpvote(user: User, id: string): Promise<VoteState> {
      const pk = await keyOrFail(id);
      return db.transaction(async () => {
        const removed = await repo.removeVote(db, pk, user.id);
        const upvotes = await papers.adjustUpvotes(pk, removed ? -1 : 0);
        return { id: parseArxivId(id)?.id ?? id, upvoted: false, upvotes };
      });
    },

    /** Which of these papers the user upvoted (by id). */
    async upvotedBy(user: User | null, paperIds: readonly string[]): Promise<Set<string>> {
      if (!user || paperIds.length === 0) return new Set();
      // The same page's papers for every member: their keys are looked up once per data version.
      const keys = await remember(`keys:${paperIds.join(',')}`, () => keysOf(paperIds));
      const voted = await repo.votedAmong(db, user.id, [...keys.keys()]);
      return new Set([...voted].map((pk) => keys.get(pk) as string));
    },

    /** A member's submissions (newest first), with the day each entered; `hasMore` for paging. */
    async submissionsOf(userId: number, page: { limit: number; offset: number }): Promise<{ items: Array<{ paper: Paper; day: string }>; hasMore: boolean }> {
      const rows = await repo.submissionsOf(db, userId, { limit: page.limit + 1, offset: page.offset });
      const found = await papers.byKeys(rows.map((r) => r.paper_pk));
      const items = rows.slice(0, page.limit).flatMap((r) => {
        const paper = found.get(r.paper_pk);
        return paper ? [{ paper, day: r.day }] : [];
      });
      return { items, hasMore: rows.length > page.limit };
    },

    /** The papers a member upvoted, latest first. Whether to show them is the caller's (the member's) choice. */
    async upvotesOf(userId: number, page: { limit: number; offset: number }): Promise<{ items: Paper[]; hasMore: boolean }> {
      const rows = await repo.upvotesOf(db, userId, { limit: page.limit + 1, offset: page.offset });
      const found = await papers.byKeys(rows.map((r) => r.paper_pk));
      return { items: rows.slice(0, page.limit).flatMap((r) => found.get(r.paper_pk) ?? []), hasMore: rows.length > page.limit };
    },

    /** What cards show of the community, by paper id: the viewer's upvotes and who submitted each paper. */
    async cardsFor(viewer: User | null, refs: readonly PaperRef[]): Promise<Map<string, { pk: number; upvoted: boolean; submittedBy: string | null }>> {
      const [upvoted, signals] = await Promise.all([this.upvotedBy(viewer, refs.map((r) => r.id)), this.signalsFor(refs)]);
      return new Map(refs.map(({ id, pk }) => [id, { pk, upvoted: upvoted.has(id), submittedBy: signals.get(id)?.submittedBy ?? null }]));
    },

    /** Who submitted each paper (by id), for cards and JSON; the same for every reader until the data changes. */
    signalsFor(refs: readonly PaperRef[]): Promise<Map<string, PaperSignals>> {
      return remember(`signals:${refs.map((r) => r.id).join(',')}`, () => loadSignals(refs));
    },
  };
}

export type CommunityService = ReturnType<typeof createCommunityService>;
