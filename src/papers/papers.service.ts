// The papers capability as the rest of the program sees it: store, look up and list papers.
import type { Db } from '../db/database.ts';
import { versionedCache } from '../versioned-cache.ts';
import { notFound } from '../errors.ts';
import { parsePaperRef } from './paper-id.ts';
import type { ExternalSignal, IndexablePaper, ListingReason, Paper, PaperInput, PaperText, PaperRef, PaperVersion, SourceSummary, TextChange } from './paper.ts';
import * as listings from './listings.repository.ts';
import * as repo from './papers.repository.ts';
import { DEFAULT_TRENDING_WEIGHTS, type TrendingWeights } from './trending.ts';
import { checkPaper } from './paper-limits.ts';

export type { UpsertOptions, UpsertOutcome } from './papers.repository.ts';
export type { DayRange, ListingOrder } from './listings.repository.ts';

export interface PaperDetails {
  paper: Paper;
  versions: PaperVersion[];
  listings: Array<{ day: string; reason: ListingReason }>;
  externalSignals: Array<Omit<ExternalSignal, 'id'>>;
}

/** What a store of papers brought: how many papers are new, which stored ones changed (a new version, say), and the text of both. */
export interface Arrival {
  newPapers: number;
  /** Keys of the stored papers that changed. */
  revised: number[];
  /** The new and changed papers' abstracts and comments, as stored: where code links are found. */
  texts: Array<{ pk: number; id: string; abstract: string; comments: string | null }>;
}

export interface ListedPaper {
  paper: Paper;
  /** The day it is listed on within the period asked for. */
  day: string;
  reason: ListingReason;
  /** The latest day it was listed anywhere (its trending score counts from it). */
  listedDay: string;
}

function listedFromRow(row: listings.ListedRow): ListedPaper {
  return { paper: repo.paperFromRow(row), day: row.day, reason: row.reason as ListingReason, listedDay: row.listed_day };
}

/** What storing a paper did: the repository's outcome, or refused at the field limits. */
export type StoreOutcome = repo.UpsertOutcome | 'rejected';

export function createPapersService(db: Db, options: { trendingWeights?: TrendingWeights } = {}) {
  const weights = options.trendingWeights ?? DEFAULT_TRENDING_WEIGHTS;
  // A paper page reads four tables; what it reads is the same for everyone until the data changes.
  const remember = versionedCache(() => db.dataVersion());

  async function load(id: string): Promise<PaperDetails | null> {
    const row = await repo.findPaperRow(db, id);
    if (!row) return null;
    return {
      paper: repo.paperFromRow(row),
      versions: await repo.findVersions(db, row.pk),
      listings: await listings.listingsOfPaper(db, row.pk),
      externalSignals: await repo.findExternalSignals(db, row.pk),
    };
  }

  // Who wants to know that new papers were stored: code links are found in their text (written in the store's
  // transaction, awaited), search embeds them (only scheduled: that work runs after the commit).
  const arrivalListeners: Array<(arrival: Arrival) => void | Promise<void>> = [];
  // Who keeps an index of papers' text (the keyword index): told in the writing transaction, so both commit together.
  const textListeners: Array<(change: TextChange) => void | Promise<void>> = [];

  async function tellText(change: TextChange): Promise<void> {
    if (change.added.length === 0 && change.revised.length === 0 && change.removed.length === 0) return;
    // A hidden paper stays out of the index, whatever a source or the code capability writes of it.
    if (change.revised.length > 0) {
      const hidden = await repo.hiddenKeys(db);
      if (hidden.size > 0) change = { ...change, revised: change.revised.filter((text) => !hidden.has(text.pk)) };
    }
    for (const listener of textListeners) await listener(change);
  }

  /** The key of a stored paper by any reference people use (id, versioned id, URL); not found otherwise. */
  async function storedKey(reference: string): Promise<number> {
    const ref = parsePaperRef(reference);
    const pk = ref ? await repo.keyOf(db, ref.id) : null;
    if (pk === null) throw notFound(`No paper with the id "${reference.trim().slice(0, 100)}" is stored here.`);
    return pk;
  }

  /** Hides or shows a paper, and takes it out of the keyword index or puts it back, together. */
  async function setHidden(reference: string, hidden: boolean): Promise<boolean> {
    const pk = await storedKey(reference);
    return db.transaction(async () => {
      const changed = await repo.setHidden(db, pk, hidden ? new Date().toISOString() : null);
      if (!changed) return false;
      const text = hidden ? undefined : await repo.findIndexable(db, pk);
      await tellText(hidden ? { added: [], revised: [], removed: [pk] } : { added: text ? [text] : [], revised: [], removed: [] });
      return true;
    });
  }

  return {
    /**
     * Stores papers in one transaction; returns what happened to each, in order. Every paper passes the field limits
     * first (paper-limits.ts), whatever brought it: cleaned, or refused with the reason given to `onRefused`.
     */
    async upsertMany(inputs: readonly PaperInput[], options: Omit<repo.UpsertOptions, 'weights'>, onRefused?: (input: PaperInput, reason: string) => void): Promise<StoreOutcome[]> {
      const outcomes: StoreOutcome[] = [];
      const accepted: PaperInput[] = [];
      const originals = new Map<PaperInput, PaperInput>(); // a cleaned paper is a new object; callers know the one they gave
      for (const input of inputs) {
        const checked = checkPaper(input);
        if (checked.ok) {
          accepted.push(checked.paper);
          originals.set(checked.paper, input);
        } else onRefused?.(input, checked.reason);
        outcomes.push(checked.ok ? 'unchanged' : 'rejected'); // stored ones are filled in below
      }
      const listing = options.listing && { ...options.listing, dayOf: (paper: PaperInput) => options.listing!.dayOf(originals.get(paper) ?? paper) };
      // The papers and what arrival listeners write about them (code links found in their text) commit together.
      return db.transaction(async () => {
        const stored = await repo.upsertPapers(db, accepted, { ...options, listing, weights });
        let next = 0;
        outcomes.forEach((outcome, i) => {
          if (outcome !== 'rejected') outcomes[i] = (stored[next++] as repo.Upserted).outcome;
        });
        const arrival: Arrival = { newPapers: 0, revised: [], texts: [] };
        const change: TextChange = { added: [], revised: [], removed: [] };
        stored.forEach(({ outcome, pk, text }, i) => {
          const paper = accepted[i] as PaperInput;
          if (outcome === 'imported') arrival.newPapers += 1;
          else if (outcome === 'updated') arrival.revised.push(pk);
          if (outcome !== 'unchanged') arrival.texts.push({ pk, id: paper.id, abstract: paper.abstract, comments: paper.comments });
          if (text) (outcome === 'imported' ? change.added : change.revised).push(text);
        });
        // The index first: what arrival listeners do (a code link marks a paper has:code) revises indexed rows.
        await tellText(change);
        if (arrival.newPapers > 0 || arrival.revised.length > 0) for (const listener of arrivalListeners) await listener(arrival);
        return outcomes;
      });
    },

    /**
     * Calls back whenever papers' searchable text is written (new papers, changed text, categories, date or code
     * mark) or removed, inside the writing transaction: how the keyword index stays in step.
     */
    onTextChange(listener: (change: TextChange) => void | Promise<void>): void {
      textListeners.push(listener);
    },

    /** What the keyword index reads of papers, by key. */
    textsOf(pks: readonly number[]): Promise<PaperText[]> {
      return repo.findTexts(db, pks);
    },

    /** Every paper's searchable text after `afterPk`, ascending, a page at a time (building the index anew). */
    textsAfter(afterPk: number, limit: number): Promise<IndexablePaper[]> {
      return repo.textsAfter(db, afterPk, limit);
    },

    /** Each paper's trending score and latest listing day, by key (the GitHub refresh orders its queue by them). */
    trendingFacts(pks: readonly number[]): Promise<Map<number, { trending: number; listedDay: string | null }>> {
      return repo.trendingFacts(db, pks);
    },

    /** The first and last year papers were published in; null when none has a date. */
    async publicationYears(): Promise<{ first: number; last: number } | null> {
      const { first, last } = await repo.publicationBounds(db);
      return first && last ? { first: Number(first.slice(0, 4)), last: Number(last.slice(0, 4)) } : null;
    },

    /** Calls back whenever new papers or new versions of stored ones have been written, inside the store's transaction. */
    onArrival(listener: (arrival: Arrival) => void | Promise<void>): void {
      arrivalListeners.push(listener);
    },

    /**
     * Looks a paper up by any reference people use (versioned id, URL); null when unknown. A versioned reference
     * names a version that must exist: `2401.01234v99` is not a paper here when the latest stored is v2.
     */
    async find(reference: string, options: { includeHidden?: boolean } = {}): Promise<PaperDetails | null> {
      const ref = parsePaperRef(reference);
      if (!ref) return null;
      const found = await remember(`paper:${ref.id}`, () => load(ref.id));
      if (found && ref.version !== null && ref.version > found.paper.version) return null;
      if (found?.paper.hiddenAt && !options.includeHidden) return null;
      return found;
    },

    /** A paper by any reference, or a not-found error that says why (no such version, hidden by moderators). */
    async get(reference: string, options: { includeHidden?: boolean } = {}): Promise<PaperDetails> {
      const found = await this.find(reference, options);
      if (found) return found;
      const ref = parsePaperRef(reference);
      const latest = ref ? await remember(`paper:${ref.id}`, () => load(ref.id)) : null;
      if (latest?.paper.hiddenAt && !options.includeHidden) throw notFound(`${latest.paper.id} was hidden by this site's moderators.`);
      if (latest && ref?.version !== null) throw notFound(`${ref?.id} has no version ${ref?.version} here: the latest known is v${latest.paper.version}.`);
      throw notFound(`No paper with the id "${reference}" is stored here.`);
    },

    /** Papers by their integer keys, as the keyword index returns them; hidden papers are left out. */
    async byKeys(pks: readonly number[]): Promise<Map<number, Paper>> {
      const rows = await repo.findPapersByPks(db, pks);
      return new Map([...rows].flatMap(([pk, row]) => (row.hidden_at ? [] : [[pk, repo.paperFromRow(row)] as const])));
    },

    /** Hides a paper from listings, search, feeds and the API (kept, restorable); false when it already was hidden. */
    hide(reference: string): Promise<boolean> {
      return setHidden(reference, true);
    },

    /** Shows a hidden paper again; false when it was not hidden. */
    restore(reference: string): Promise<boolean> {
      return setHidden(reference, false);
    },

    /** Features a paper on the front page (or stops); false when nothing changed (already so, or hidden). */
    async feature(reference: string, featured: boolean): Promise<boolean> {
      const pk = await storedKey(reference);
      return repo.setFeatured(db, pk, featured ? new Date().toISOString() : null);
    },

    /** The featured papers, most recently featured first. */
    async featured(limit: number): Promise<Paper[]> {
      return remember(`featured:${limit}`, async () => (await repo.listFeatured(db, limit)).map(repo.paperFromRow));
    },

    /** The hidden papers, most recently hidden first (for moderators). */
    async hidden(limit: number): Promise<Paper[]> {
      return (await repo.listHidden(db, limit)).map(repo.paperFromRow);
    },

    /** A period's papers, in one category when `category` says which (a day or a week: it filters the period's rows). */
    async list(
      range: listings.DayRange,
      page: { order: listings.ListingOrder; limit: number; offset: number; category?: string | undefined },
    ): Promise<{ items: ListedPaper[]; total: number }> {
      const [rows, total] = await Promise.all([listings.listPapers(db, range, page), listings.countListed(db, range, page.category)]);
      return { items: rows.map(listedFromRow), total };
    },

    /**
     * All listed papers by the stored trending score (`by: 'score'`), or by the star growth of their code (`by: 'stars'`),
     * highest first; `hasMore` instead of a total (a count would scan).
     */
    async trending(page: { limit: number; offset: number; by?: 'score' | 'stars' }): Promise<{ items: ListedPaper[]; hasMore: boolean }> {
      const list = page.by === 'stars' ? listings.listTrendingByStars : listings.listTrending;
      const rows = await list(db, { limit: page.limit + 1, offset: page.offset });
      return { items: rows.slice(0, page.limit).map(listedFromRow), hasMore: rows.length > page.limit };
    },

    /** Ids of the papers listed in a range of days. */
    listedIds(range: listings.DayRange): Promise<Set<string>> {
      return listings.listedIds(db, range);
    },

    latestDay(onOrBefore?: string): Promise<string | null> {
      return listings.latestListingDay(db, onOrBefore);
    },

    neighbours(range: listings.DayRange) {
      return listings.neighbourDays(db, range);
    },

    countDemo(): Promise<number> {
      return repo.countDemoPapers(db);
    },

    count(): Promise<number> {
      return repo.countPapers(db);
    },

    /** Lists stored papers on a day; returns how many were newly listed. */
    async addListings(ids: readonly string[], day: string, reason: ListingReason): Promise<number> {
      // The listings and the scores they change commit together.
      return db.transaction(async () => {
        const added = await listings.addListings(db, ids, day, reason, new Date().toISOString());
        for (const pk of (await repo.keysOf(db, ids)).values()) await repo.refreshTrending(db, pk, weights);
        return added;
      });
    },

    /** Every stored score recomputed with this site's weights (after TRENDING_*_WEIGHT changed); how many moved. */
    async rescoreAll(): Promise<number> {
      let changed = 0;
      // Batches of 10,000 in their own transactions: readers and writers get their turn between them.
      for (let after = 0; ; ) {
        const batch = await repo.rescoreAfter(db, after, 10_000, weights);
        changed += batch.changed;
        if (batch.lastPk === null) return changed;
        after = batch.lastPk;
      }
    },

    /** Records what other sites say of stored papers, in its own table (never mixed with on-site votes). */
    saveExternalSignals(signals: readonly ExternalSignal[]): Promise<void> {
      return repo.saveExternalSignals(db, signals, new Date().toISOString(), weights);
    },

    /** What Hugging Face wrote of papers (a one-sentence summary, keywords), by id, for those it wrote of. */
    async huggingFaceSummaries(refs: readonly PaperRef[]): Promise<Map<string, SourceSummary>> {
      const byPk = await repo.sourceSummaries(db, refs.map((r) => r.pk), 'huggingface');
      return new Map(refs.flatMap((r) => { const found = byPk.get(r.pk); return found ? [[r.id, found] as const] : []; }));
    },

    /** The integer key of a stored paper, or null. */
    keyOf(id: string): Promise<number | null> {
      return repo.keyOf(db, id);
    },

    /** Keys after `afterPk`, ascending (walking every paper), and the newest keys. */
    keysAfter(afterPk: number, limit: number): Promise<number[]> {
      return repo.keysAfter(db, afterPk, limit);
    },

    newestKeys(limit: number): Promise<number[]> {
      return repo.newestKeys(db, limit);
    },

    /** Titles of stored papers by id (a profile's comments say what they are on). */
    async titlesOf(ids: readonly string[]): Promise<Map<string, string>> {
      const keys = await repo.keysOf(db, ids);
      const found = await repo.findPapersByPks(db, [...keys.values()]);
      return new Map([...keys].flatMap(([id, pk]) => {
        const row = found.get(pk);
        return row ? [[id, row.title] as const] : [];
      }));
    },

    /** Integer keys of the stored papers among `ids`. */
    keysOf(ids: readonly string[]): Promise<Map<string, number>> {
      return repo.keysOf(db, ids);
    },

    /** Paper ids of integer keys, for tables that reference papers by key. */
    idsOf(pks: readonly number[]): Promise<Map<number, string>> {
      return repo.idsOf(db, pks);
    },

    /** Moves the upvote counter and the score; inside the caller's transaction when one is open. */
    adjustUpvotes(pk: number, delta: number): Promise<number> {
      return repo.adjustUpvotes(db, pk, delta, weights);
    },

    /** Sets a paper's code signals (main repository's stars, stars a day) and re-scores it. */
    async setCodeSignals(pk: number, signals: { stars: number; starsPerDay: number; hasCode: boolean }): Promise<void> {
      await db.transaction(async () => {
        const text = await repo.setCodeSignals(db, pk, signals, weights);
        if (text) await tellText({ added: [], revised: [text], removed: [] });
      });
    },

    /** Records where a paper says its project page is (the first one found stays). */
    setProjectPage(pk: number, url: string): Promise<void> {
      return repo.setProjectPage(db, pk, url);
    },

    /** Sets the comment counters and re-scores the paper, inside the comment's transaction. */
    async setCommentCounts(pk: number, counts: { comments: number; commenters: number }): Promise<void> {
      await repo.setCommentCounts(db, pk, counts);
      await repo.refreshTrending(db, pk, weights);
    },

    listPaper(pk: number, day: string, reason: ListingReason): Promise<boolean> {
      return repo.listPaper(db, pk, day, reason, new Date().toISOString(), weights);
    },

    async removeDemo(): Promise<{ papers: number; listings: number }> {
      return db.transaction(async () => {
        const removed = await repo.deleteDemoPapers(db);
        for (const pk of removed.rescore) await repo.refreshTrending(db, pk, weights);
        await tellText({ added: [], revised: [], removed: removed.papers });
        return { papers: removed.papers.length, listings: removed.listings };
      });
    },
  };
}

export type PapersService = ReturnType<typeof createPapersService>;
