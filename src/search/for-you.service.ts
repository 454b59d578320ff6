// "For you": papers near what a member upvoted, with the reason, and "not interested" to push a direction down.
import type { User } from '../accounts/account.ts';
import type { CommunityService } from '../community/community.service.ts';
import type { Db } from '../db/database.ts';
import { notFound } from '../errors.ts';
import type { Paper } from '../papers/paper.ts';
import type { PapersService } from '../papers/papers.service.ts';
import { rankForYou } from './for-you.ts';
import * as repo from './for-you.repository.ts';
import type { SemanticService } from './semantic.service.ts';

export interface ForYouItem {
  paper: Paper;
  /** The upvoted paper it is nearest to, or the saved topic (digest subscription) it matches. */
  because: Paper | null;
  topic: string | null;
}

const TASTE = 100;
const CANDIDATES = 300;

/** What "for you" learned from: the member's upvotes (of papers with a vector) and their saved topics. */
export interface LearnedFrom {
  upvotes: number;
  topics: number;
}

export function createForYouService(deps: {
  db: Db;
  papers: PapersService;
  semantic: SemanticService;
  community: CommunityService;
  /** The member's saved topics (their digest subscription's), which count like upvotes. */
  topicsOf: (user: User) => Promise<string[]>;
}) {
  const { db, papers, semantic } = deps;

  async function keyOrFail(paperId: string): Promise<number> {
    const pk = await papers.keyOf(paperId);
    if (pk === null) throw notFound(`No paper with the id "${paperId}" is stored here.`);
    return pk;
  }

  return {
    /**
     * The feed; `basedOn` says how many upvotes and saved topics it learned from, each counted apart, so the page says
     * truly what it learned from (0 of both: upvote something first).
     */
    async feed(user: User, limit = 30): Promise<{ items: ForYouItem[]; basedOn: LearnedFrom; ready: boolean }> {
      const none: LearnedFrom = { upvotes: 0, topics: 0 };
      if (!(await semantic.ready())) return { items: [], basedOn: none, ready: false };
      const upvoted = await deps.community.upvotesOf(user.id, { limit: TASTE, offset: 0 });
      const likedKeys = upvoted.items.map((p) => p.pk);
      const liked = await semantic.vectorsOf(likedKeys);
      // Saved topics join the taste under negative keys (no paper has one), so an item can say which topic it matches.
      const topics = await deps.topicsOf(user);
      const topicVectors = await semantic.embedTexts(topics);
      topicVectors.forEach((v, i) => {
        if (v.some((x) => x !== 0)) liked.set(-(i + 1), v);
      });
      if (liked.size === 0) return { items: [], basedOn: none, ready: true };
      const basedOn: LearnedFrom = { upvotes: [...liked.keys()].filter((k) => k > 0).length, topics: [...liked.keys()].filter((k) => k < 0).length };
      const disliked = await semantic.vectorsOf(await repo.marked(db, user.id, TASTE));
      // Candidates: the neighbours of each liked paper's direction, pooled (the centroid alone misses a second taste).
      const candidateKeys = new Set<number>();
      const perLiked = Math.max(10, Math.ceil(CANDIDATES / liked.size));
      for (const v of liked.values()) for (const n of await semantic.nearVector(v, perLiked)) candidateKeys.add(n.pk);
      const ranked = rankForYou({ candidates: await semantic.vectorsOf([...candidateKeys]), liked, disliked }).slice(0, limit);
      const found = await papers.byKeys([...new Set([...ranked.map((r) => r.pk), ...ranked.flatMap((r) => (r.nearestLiked === null ? [] : [r.nearestLiked]))])]);
      const items = ranked.flatMap((r): ForYouItem[] => {
        const paper = found.get(r.pk);
        if (!paper) return [];
        const near = r.nearestLiked;
        if (near !== null && near < 0) return [{ paper, because: null, topic: topics[-near - 1] ?? null }];
        return [{ paper, because: near === null ? null : (found.get(near) ?? null), topic: null }];
      });
      return { items, basedOn, ready: true };
    },

    async notInterested(user: User, paperId: string, now: Date = new Date()): Promise<void> {
      await repo.mark(db, user.id, await keyOrFail(paperId), now.toISOString());
    },

    async undoNotInterested(user: User, paperId: string): Promise<void> {
      await repo.unmark(db, user.id, await keyOrFail(paperId));
    },
  };
}

export type ForYouService = ReturnType<typeof createForYouService>;
