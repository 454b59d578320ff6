// Papers with code: links from every source (a paper's own text, Hugging Face, the Papers with Code archive,
// members), repository facts and star counts from GitHub, and the code signals the trending score reads.
import type { Db } from '../db/database.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import type { User } from '../accounts/account.ts';
import type { PapersService } from '../papers/papers.service.ts';
import type { PaperRef } from '../papers/paper.ts';
import type { SearchService } from '../search/search.service.ts';
import { codeToJson, GROWTH_WINDOW_DAYS, mainLink, refreshOrder, starsPerDay, type CodeJson, type CodeLink } from './code.ts';
import * as repo from './code.repository.ts';
import { countsFromHistory, repositoryFacts } from './github.ts';
import { GithubRateLimited, type GithubClient } from './github.client.ts';
import { readJsonArray } from './json-array.reader.ts';
import { looksLikePwcEntry, normalizeTitle, parsePwcEntry, type PwcLink } from './pwc.ts';
import { findCodeLinks, parseProjectPage, parseRepositoryUrl, publicWebPage } from './repository-url.ts';
import { versionedCache } from '../versioned-cache.ts';
import { addDays } from '../time.ts';

/** A failing repository is asked again after an hour, then two, four … at most a week (docs/limits.md). */
const FIRST_BACKOFF_MS = 3_600_000;
const MAX_BACKOFF_MS = 7 * 86_400_000;
/** How long one instance holds a repository it is refreshing (a repository takes seconds at most). */
const CLAIM_MS = 10 * 60_000;

/** Code hosts or project pages named: a cheap test before the link finder reads a text. */
const MAY_NAME_CODE = /github|gitlab|codeberg|huggingface|hf\.co/i;

export interface PwcImportReport {
  linked: number;
  papers: number;
  unmatched: number;
  rejected: number;
  skipped: number;
}

export interface GithubRefreshReport {
  refreshed: number;
  unchanged: number;
  gone: number;
  failed: number;
  requests: number;
  /** Stopped before the list's end: the hour's budget was spent (resumes when GitHub says it comes back). */
  stoppedAt: string | null;
  problems: string[];
}

/** A paper's code as a source names it: its repository (and that source's star count), its project page. */
type OfficialCode = { id: string; githubRepo: string | null; githubStars: number | null; projectPage: string | null };

export interface CodeServiceDeps {
  db: Db;
  papers: PapersService;
  search: SearchService;
  github: GithubClient;
  /** Members' usernames by account id (the accounts service's): who added a link. */
  usernames: (ids: readonly number[]) => Promise<Map<number, string>>;
}

export function createCodeService(deps: CodeServiceDeps) {
  const { db, papers } = deps;
  // A listing's code is the same for every reader until the data changes: cards and feeds read it per request.
  const remember = versionedCache(() => db.dataVersion());

  /** A repository's growth, from its counts of the last weeks, and the code signals of every paper it belongs to. */
  /** Papers' live links by key, each with the name of the member who added it. */
  async function linksOf(pks: readonly number[]): Promise<Map<number, CodeLink[]>> {
    const stored = await repo.linksOfPapers(db, pks);
    const ids = [...new Set([...stored.values()].flat().flatMap((l) => (l.addedById === null ? [] : [l.addedById])))];
    const names = ids.length > 0 ? await deps.usernames(ids) : new Map<number, string>();
    return new Map([...stored].map(([pk, links]) => [pk, links.map(({ addedById, ...link }) => ({ ...link, addedBy: addedById === null ? null : (names.get(addedById) ?? null) }))]));
  }

  async function recomputeGrowth(repositoryId: number, today: string): Promise<void> {
    const samples = await repo.starsSince(db, repositoryId, addDays(today, -8 * GROWTH_WINDOW_DAYS));
    await repo.setRepositoryGrowth(db, repositoryId, { stars: samples.at(-1)?.stars ?? null, starsPerDay: starsPerDay(samples) });
    for (const pk of await repo.papersOfRepository(db, repositoryId)) await rescore(pk);
  }

  /** A paper's code signals after its links or their repositories changed. */
  async function rescore(pk: number): Promise<void> {
    await papers.setCodeSignals(pk, await repo.paperCodeSignals(db, pk));
  }

  /** Links found in papers' own text (abstract, arXiv comments), in one transaction. */
  async function linkFromText(texts: ReadonlyArray<{ pk: number; abstract: string; comments: string | null }>, now = new Date().toISOString()): Promise<number> {
    const candidates = texts.filter((t) => MAY_NAME_CODE.test(t.abstract) || (t.comments !== null && MAY_NAME_CODE.test(t.comments)));
    if (candidates.length === 0) return 0;
    return db.transaction(async () => {
      let linked = 0;
      for (const text of candidates) {
        const pk = text.pk;
        const found = findCodeLinks(`${text.abstract}\n${text.comments ?? ''}`);
        for (const repository of found.repositories) {
          const repositoryId = await repo.ensureRepository(db, repository, now);
          if (await repo.linkCode(db, { paperPk: pk, repositoryId, source: 'text', official: true, framework: null, addedBy: null, now })) linked += 1;
        }
        if (found.repositories.length > 0) await rescore(pk);
        const page = found.projectPages[0];
        if (page) await papers.setProjectPage(pk, page);
      }
      return linked;
    });
  }

  /** Links one reference of the archive: by arXiv id, else by a title that matches exactly once normalised. */
  async function pwcPaper(link: PwcLink): Promise<number | null> {
    if (link.arxivId) return papers.keyOf(link.arxivId);
    if (!link.title) return null;
    const wanted = normalizeTitle(link.title);
    const found = (await deps.search.withTitleWords(link.title)).filter((p) => normalizeTitle(p.title) === wanted);
    return found.length === 1 ? (found[0] as { pk: number }).pk : null;
  }

  /** A moderator's change to one of a paper's links, and the paper scored again, in one transaction. */
  async function moderateLink(moderator: User, paperId: string, verb: 'confirm' | 'remove', change: (pk: number) => Promise<boolean>, missing: string): Promise<void> {
    if (moderator.role !== 'moderator' && moderator.role !== 'admin') throw new AppError('forbidden', `Only moderators ${verb} code links.`);
    const pk = await papers.keyOf(paperId);
    if (pk === null) throw notFound(`No paper with the id "${paperId}" is stored here.`);
    await db.transaction(async () => {
      if (!(await change(pk))) throw notFound(missing);
      await rescore(pk);
    });
  }

  /** One repository's refresh; throws what the run records as this repository's failure. */
  async function refreshOne(item: { id: number; owner: string; name: string }, at: { stamp: string; today: string }): Promise<'refreshed' | 'unchanged' | 'gone'> {
    const { stamp, today } = at;
    const state = await repo.fetchState(db, item.id);
    const answer = await deps.github.repository(item.owner, item.name, state.etag);
    if (answer.kind === 'failed') throw new Error(answer.message);
    if (answer.kind === 'gone') {
      await db.transaction(async () => {
        await repo.markGone(db, item.id, stamp);
        for (const pk of await repo.papersOfRepository(db, item.id)) await rescore(pk);
      });
      return 'gone';
    }
    let id = item.id;
    if (answer.kind === 'unchanged') {
      await db.transaction(async () => {
        const known = await repo.findRepository(db, item.id);
        await repo.markUnchanged(db, item.id, stamp);
        if (known?.stars !== null && known?.stars !== undefined) await repo.saveStars(db, item.id, [{ day: answer.countedOn, stars: known.stars }], 'github', stamp);
      });
    } else {
      id = await db.transaction(async () => {
        const held = await repo.saveFacts(db, item.id, answer.facts, { etag: answer.etag, at: stamp });
        await repo.saveStars(db, held, [{ day: answer.countedOn, stars: answer.facts.stars }], 'github', stamp);
        return held;
      });
      if (!state.historyLoaded) {
        // The history is a bonus: one GitHub will not give (too large, an error) is read as none, not as a failure.
        const body = await deps.github.starHistory(answer.facts.owner, answer.facts.name).catch((error: unknown) => {
          if (error instanceof GithubRateLimited) throw error;
          return null;
        });
        const counts = body ? countsFromHistory(body, { stars: answer.facts.stars, countedOn: answer.countedOn }) : null;
        await db.transaction(async () => {
          if (counts) await repo.saveStars(db, id, counts, 'history', stamp);
          await repo.markHistoryLoaded(db, id);
        });
      }
    }
    await db.transaction(() => recomputeGrowth(id, today));
    return answer.kind === 'unchanged' ? 'unchanged' : 'refreshed';
  }

  /** A repository's failure, on its row: tried again after a back-off that doubles with each failure in a row. */
  async function recordFailure(item: { id: number; owner: string; name: string }, message: string, report: GithubRefreshReport): Promise<void> {
    report.failed += 1;
    report.problems.push(`${item.owner}/${item.name}: ${message}`);
    const { failures } = await repo.fetchState(db, item.id);
    const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(failures, 20));
    await repo.markFailed(db, item.id, { error: message, retryAt: new Date(Date.now() + backoff).toISOString() });
  }

  return {
    linkFromText,

    /**
     * Scans every stored paper's text for code links (what `paperboard reindex` runs, for papers stored before links
     * were looked for). A page of 2,000 at a time, each in its own transaction.
     */
    async backfillFromText(progress: (message: string) => void = () => undefined): Promise<number> {
      let linked = 0;
      for (let after = 0; ; ) {
        const keys = await papers.keysAfter(after, 2000);
        if (keys.length === 0) break;
        const found = await papers.byKeys(keys);
        const texts = [...found.values()].map((p) => ({ pk: p.pk, abstract: p.abstract, comments: p.comments }));
        linked += await linkFromText(texts);
        after = keys.at(-1) as number;
      }
      progress(`found ${linked} new code links in the papers' text`);
      return linked;
    },

    /** Hugging Face's daily papers: the repository it names (and its star count), and the project page. */
    linkFromHuggingFace(items: ReadonlyArray<OfficialCode>, now = new Date()): Promise<number> {
      return this.linkOfficial(items, 'huggingface', now);
    },

    /** The authors' own code and project page, as a source other than the paper's text names them (HF, the demo's facts). */
    async linkOfficial(items: ReadonlyArray<OfficialCode>, source: 'huggingface' | 'text', now = new Date()): Promise<number> {
      const stamp = now.toISOString();
      const today = stamp.slice(0, 10);
      return db.transaction(async () => {
        const keys = await papers.keysOf(items.map((i) => i.id));
        let linked = 0;
        for (const item of items) {
          const pk = keys.get(item.id);
          if (pk === undefined) continue;
          const page = item.projectPage ? (parseProjectPage(item.projectPage) ?? publicWebPage(item.projectPage)) : null;
          if (page) await papers.setProjectPage(pk, page);
          const repository = item.githubRepo ? parseRepositoryUrl(item.githubRepo) : null;
          if (!repository) continue;
          const repositoryId = await repo.ensureRepository(db, repository, stamp);
          if (await repo.linkCode(db, { paperPk: pk, repositoryId, source, official: true, framework: null, addedBy: null, now: stamp })) linked += 1;
          // Hugging Face's count is a sample too: a day's count, where GitHub has not given one.
          if (item.githubStars !== null && source === 'huggingface') await repo.saveStars(db, repositoryId, [{ day: today, stars: item.githubStars }], 'huggingface', stamp);
          await recomputeGrowth(repositoryId, today);
        }
        return linked;
      });
    },

    /**
     * `paperboard import links-between-papers-and-code.json[.gz]`: the Papers with Code archive, streamed element by
     * element. Each entry is matched by arXiv id, else by title; bad entries are reported with their position.
     */
    async importPwc(file: string, report: { onRejected?: (position: number, reason: string) => void; onUnmatched?: (position: number, reference: string) => void } = {}): Promise<PwcImportReport> {
      const result: PwcImportReport = { linked: 0, papers: 0, unmatched: 0, rejected: 0, skipped: 0 };
      const linkedPapers = new Set<number>();
      const now = new Date().toISOString();
      for await (const element of readJsonArray(file)) {
        if ('error' in element) {
          result.rejected += 1;
          report.onRejected?.(element.position, element.error);
          continue;
        }
        const entry = parsePwcEntry(element.value);
        if (!entry.ok) {
          if ('skipped' in entry) result.skipped += 1;
          else {
            result.rejected += 1;
            report.onRejected?.(element.position, entry.reason);
          }
          continue;
        }
        const pk = await pwcPaper(entry.link);
        if (pk === null) {
          result.unmatched += 1;
          report.onUnmatched?.(element.position, entry.link.arxivId ?? `"${entry.link.title}"`);
          continue;
        }
        const linked = await db.transaction(async () => {
          const repositoryId = await repo.ensureRepository(db, entry.link.repository, now);
          const added = await repo.linkCode(db, { paperPk: pk, repositoryId, source: 'pwc', official: entry.link.official, framework: entry.link.framework, addedBy: null, now });
          if (added) await rescore(pk);
          return added;
        });
        if (linked) {
          result.linked += 1;
          linkedPapers.add(pk);
        }
      }
      result.papers = linkedPapers.size;
      return result;
    },

    /** Whether a file is the Papers with Code archive: a JSON array (gzipped or not) whose first element is one of its entries. */
    async isPwcArchive(file: string): Promise<boolean> {
      try {
        for await (const element of readJsonArray(file)) return 'value' in element && looksLikePwcEntry(element.value);
      } catch {
        return false;
      }
      return false;
    },

    /**
     * A member's "add a code link": any repository URL; shown as added by them, and as suggested until a moderator
     * confirms it (or another source names the same repository): only then does it count toward trending.
     */
    async addByMember(user: User, paperId: string, url: string, now = new Date()): Promise<CodeLink> {
      const pk = await papers.keyOf(paperId);
      if (pk === null) throw notFound(`No paper with the id "${paperId}" is stored here.`);
      const repository = parseRepositoryUrl(url);
      if (!repository) throw badRequest('That is not a repository address: give a GitHub, GitLab, Codeberg or Hugging Face link such as https://github.com/owner/name.');
      const stamp = now.toISOString();
      return db.transaction(async () => {
        const repositoryId = await repo.ensureRepository(db, repository, stamp);
        const added = await repo.linkCode(db, { paperPk: pk, repositoryId, source: 'member', official: false, framework: null, addedBy: user.id, now: stamp });
        const link = (await linksOf([pk])).get(pk)?.find((l) => l.repository.id === repositoryId);
        if (!link) throw new AppError('conflict', 'A moderator removed this link from the paper; it cannot be added again.');
        if (!added) throw new AppError('conflict', 'This paper already links to that repository.');
        await rescore(pk);
        return link;
      });
    },

    /** A moderator confirms a member's link: it counts toward the paper's trending from now on. */
    async confirmByModerator(moderator: User, paperId: string, repositoryId: number, now = new Date()): Promise<void> {
      await moderateLink(moderator, paperId, 'confirm', (pk) => repo.confirmLink(db, pk, repositoryId, moderator.id, now.toISOString()), 'This paper has no suggested link to that repository.');
    },

    /** A moderator removes a link; it stays removed, whatever source brings it again. */
    async removeByModerator(moderator: User, paperId: string, repositoryId: number, now = new Date()): Promise<void> {
      await moderateLink(moderator, paperId, 'remove', (pk) => repo.removeLink(db, pk, repositoryId, moderator.id, now.toISOString()), 'This paper has no such code link.');
    },

    /** The live code links of papers by id, best first (official, then most starred). */
    forPapers(refs: readonly PaperRef[]): Promise<ReadonlyMap<string, readonly CodeLink[]>> {
      return remember(refs.map((r) => r.id).join('\n'), async () => {
        const byPk = await linksOf(refs.map((r) => r.pk));
        return new Map(refs.map(({ id, pk }) => [id, byPk.get(pk) ?? []]));
      });
    },

    /** Cards (by paper id, each with its paper's key) with their paper's main repository, or null: what a card shows of code. */
    async withCode<T extends { pk: number }>(cards: Map<string, T>): Promise<Map<string, T & { code: CodeLink | null }>> {
      const main = await this.mainLinks([...cards].map(([id, card]) => ({ id, pk: card.pk })));
      return new Map([...cards].map(([id, card]) => [id, { ...card, code: main.get(id) ?? null }]));
    },

    /** Each paper's main repository (official first, then most starred), or null. */
    async mainLinks(refs: readonly PaperRef[]): Promise<Map<string, CodeLink | null>> {
      return new Map([...(await this.forPapers(refs))].map(([id, links]) => [id, mainLink(links)]));
    },

    /** The same, in the paper JSON's shape. */
    async jsonFor(refs: readonly PaperRef[]): Promise<Map<string, CodeJson[]>> {
      return new Map([...(await this.forPapers(refs))].map(([id, links]) => [id, links.map(codeToJson)]));
    },

    /** A repository's daily counts since a day (the paper page's sparkline). */
    starHistory(repositoryId: number, sinceDay: string) {
      return repo.starsSince(db, repositoryId, sinceDay);
    },

    /**
     * The demo's repositories (data/demo/repositories.json: recorded GitHub responses and a count for each day of the
     * week before): their facts, and their counts dated that many days before `today`, marked demo. Never marked
     * fetched, so a machine that reaches GitHub replaces them with real counts at the next refresh.
     */
    async loadDemo(repositories: ReadonlyArray<{ response: unknown; stars: ReadonlyArray<{ daysAgo: number; stars: number }> }>, today: string): Promise<number> {
      const stamp = new Date().toISOString();
      return db.transaction(async () => {
        let loaded = 0;
        for (const demo of repositories) {
          const facts = repositoryFacts(JSON.stringify(demo.response));
          const ref = facts && parseRepositoryUrl(`https://github.com/${facts.owner}/${facts.name}`);
          if (!facts || !ref) continue;
          const id = await repo.ensureRepository(db, ref, stamp, true);
          await repo.saveFacts(db, id, facts, { etag: null, at: null });
          await repo.saveStars(db, id, demo.stars.map((s) => ({ day: addDays(today, -s.daysAgo), stars: s.stars })), 'demo', stamp);
          await recomputeGrowth(id, today);
          loaded += 1;
        }
        return loaded;
      });
    },

    /** `paperboard demo remove`: the demo's counts and the repositories only demo papers linked to. */
    removeDemo(today = new Date().toISOString().slice(0, 10)): Promise<number> {
      return db.transaction(async () => {
        const { repositories, recount } = await repo.deleteDemoCode(db);
        for (const id of recount) if (await repo.findRepository(db, id)) await recomputeGrowth(id, today);
        return repositories;
      });
    },

    /**
     * `paperboard ingest github [--all]`: repository facts and today's star count, most valuable first (papers of the
     * last three weeks, then by trending), as long as the hour's budget allows. A repository's star history is read
     * once, when it is first fetched; a 304 keeps yesterday's facts and counts today the same. A repository that fails
     * (an error status, a body past the limit, a redirect elsewhere, an unreadable answer) is recorded on its row and
     * not asked again for a while (one hour, doubling, at most a week); the run goes on with the next. A wait past the
     * client's bound ends the run, which the next occurrence resumes. Another instance's repository is left to it.
     */
    async refreshGithub(options: { all?: boolean; limit?: number; now?: Date; reserve?: number } = {}): Promise<GithubRefreshReport> {
      const now = options.now ?? new Date();
      const stamp = now.toISOString();
      const today = stamp.slice(0, 10);
      const report: GithubRefreshReport = { refreshed: 0, unchanged: 0, gone: 0, failed: 0, requests: 0, stoppedAt: null, problems: [] };
      const started = deps.github.requests();
      // The real clock (options.now may be another day in tests): claims compare with when this run began.
      const runStartedAt = new Date().toISOString();
      const candidates = await repo.githubRepositoriesToRefresh(db, { staleBefore: new Date(now.getTime() - 20 * 3_600_000).toISOString(), all: options.all ?? false, now: stamp });
      const facts = await papers.trendingFacts([...new Set(candidates.flatMap((c) => c.paperPks))]);
      const queue = refreshOrder(candidates, facts, addDays(today, -21), options.limit ?? 100_000);
      for (const item of queue) {
        const { remaining, resetAt } = deps.github.budget();
        // The hour's budget is spent and has not come back yet: the rest waits for the next run.
        if (remaining !== null && remaining <= (options.reserve ?? 0) && resetAt !== null && resetAt > Date.now()) {
          report.stoppedAt = new Date(resetAt).toISOString();
          break;
        }
        if (!(await repo.claimForRefresh(db, item.id, runStartedAt, new Date(Date.now() + CLAIM_MS).toISOString()))) continue;
        try {
          const outcome = await refreshOne(item, { stamp, today });
          report[outcome] += 1;
        } catch (error) {
          if (error instanceof GithubRateLimited) {
            report.stoppedAt = Number.isFinite(error.until) ? new Date(Math.min(error.until, 8.64e15)).toISOString() : stamp;
            break;
          }
          await recordFailure(item, error instanceof Error ? error.message : String(error), report);
        } finally {
          await repo.releaseClaim(db, item.id, new Date().toISOString());
        }
      }
      report.requests = deps.github.requests() - started;
      return report;
    },

    counts() {
      return repo.countRepositories(db);
    },
  };
}

export type CodeService = ReturnType<typeof createCodeService>;
