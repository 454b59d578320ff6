// Hugging Face's daily papers: fetched for a date or imported from a saved response. The papers enter that
// day's listing as featured; Hugging Face's upvotes are kept as an external signal, apart from on-site votes.
import fs from 'node:fs';
import type { Db } from '../db/database.ts';
import { badRequest } from '../errors.ts';
import { parseDay, today } from '../time.ts';
import type { PapersService } from '../papers/papers.service.ts';
import { SERVICE_MAX_BYTES, type PoliteHttp } from '../net/polite-http.ts';
import { parseHfDailyItem, type HfDailyItem } from './sources/hf-daily.ts';

export const HF_SOURCE = 'huggingface';

export interface HfDailyResult {
  counts: { imported: number; updated: number; unchanged: number; rejected: number };
  featured: number;
}

/** The file's valid items, each with its position in the file (1-based), for reports. */
function readItems(where: string, text: string, onRejected: (item: number, reason: string) => void): Array<HfDailyItem & { position: number }> {
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw badRequest(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(values)) throw badRequest(`${where}: expected a JSON array of daily papers`);
  return values.flatMap((value, index) => {
    const parsed = parseHfDailyItem(value);
    if (parsed.ok) return [{ ...parsed.item, position: index + 1 }];
    onRejected(index + 1, parsed.reason);
    return [];
  });
}

/** What a featured item says of its code, for whoever keeps code links (the composition root wires the code service). */
export type FeaturedCode = Array<{ id: string; githubRepo: string | null; githubStars: number | null; projectPage: string | null }>;

export function createHfDailyService(deps: { db: Db; papers: PapersService; http: PoliteHttp; hfApiUrl: string; onCode?: (items: FeaturedCode) => Promise<unknown> }) {
  /** Stores items, their listing and their signals together. */
  async function store(items: HfDailyItem[], dayFor: (item: HfDailyItem) => string, rejected: number, onRefused?: (id: string, reason: string) => void): Promise<HfDailyResult> {
    const result: HfDailyResult = { counts: { imported: 0, updated: 0, unchanged: 0, rejected }, featured: 0 };
    const days = new Map(items.map((item) => [item.paper, dayFor(item)]));
    await deps.db.transaction(async () => {
      const outcomes = await deps.papers.upsertMany(items.map((i) => i.paper), {
        listing: { reason: 'featured', dayOf: (paper) => days.get(paper) ?? null },
        isDemo: false,
        now: new Date().toISOString(),
      }, (paper, reason) => onRefused?.(paper.id, reason));
      for (const outcome of outcomes) result.counts[outcome] += 1;
      await deps.papers.saveExternalSignals(items.map((i) => ({ id: i.paper.id, source: HF_SOURCE, upvotes: i.upvotes, comments: i.comments, summary: i.aiSummary, keywords: i.aiKeywords })));
    });
    result.featured = items.length;
    await deps.onCode?.(items.map((i) => ({ id: i.paper.id, githubRepo: i.githubRepo, githubStars: i.githubStars, projectPage: i.projectPage })));
    return result;
  }

  return {
    /** The papers Hugging Face featured on a day (default: today, UTC). */
    async fetchDay(date?: string, now: Date = new Date()): Promise<HfDailyResult> {
      const day = date ?? today(now);
      if (!parseDay(day)) throw badRequest(`--date must be a date as YYYY-MM-DD, not "${day}"`);
      const url = `${deps.hfApiUrl.replace(/\/+$/, '')}/daily_papers?date=${day}`;
      const response = await deps.http.get(url, { maxBytes: SERVICE_MAX_BYTES.hfDaily });
      if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
      let rejected = 0;
      const items = readItems(url, response.body, () => (rejected += 1));
      return store(items, () => day, rejected);
    },

    /** A saved /api/daily_papers response; items are listed on the day each was featured. */
    importFile(file: string, onRejected: (item: number, reason: string) => void): Promise<HfDailyResult> {
      let rejected = 0;
      const items = readItems(file, fs.readFileSync(file, 'utf8'), (item, reason) => {
        rejected += 1;
        onRejected(item, reason);
      });
      // A paper refused when stored is reported at its place in the file, not among the valid items.
      const position = new Map(items.map((item) => [item.paper.id, item.position]));
      const day = (item: HfDailyItem) => item.featuredDay ?? item.paper.publishedAt?.slice(0, 10) ?? today();
      return store(items, day, rejected, (id, reason) => onRejected(position.get(id) ?? 0, reason));
    },
  };
}

export type HfDailyService = ReturnType<typeof createHfDailyService>;
