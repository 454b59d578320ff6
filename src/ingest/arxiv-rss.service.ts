// The papers arXiv announced today in chosen categories: ids from the daily listing feed, details from the
// API in batches, and a place in today's feed as "harvested".
import { badRequest } from '../errors.ts';
import { today } from '../time.ts';
import type { PapersService } from '../papers/papers.service.ts';
import type { ArxivApiService, LookupResult } from './arxiv-api.service.ts';
import { SERVICE_MAX_BYTES, type PoliteHttp } from '../net/polite-http.ts';
import { parseArxivListing, type AnnounceType } from './sources/arxiv-listing.ts';

/** New submissions and cross-lists are news in a category; replacements are not. */
const ANNOUNCED_TODAY: ReadonlySet<AnnounceType> = new Set(['new', 'cross']);
const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

export interface DailyResult extends LookupResult {
  day: string;
  announced: number;
  listed: number;
}

export function createArxivRssService(deps: { papers: PapersService; http: PoliteHttp; arxivApi: ArxivApiService; rssUrl: string }) {
  return {
    async ingestToday(categories: readonly string[], now: Date = new Date()): Promise<DailyResult> {
      const bad = categories.filter((c) => !CATEGORY.test(c));
      if (categories.length === 0 || bad.length > 0) {
        throw badRequest(bad.length > 0 ? `not an arXiv category: ${bad.join(', ')}` : 'no categories to ingest');
      }
      // One request for every category: the feed takes them joined by "+".
      const url = `${deps.rssUrl.replace(/\/+$/, '')}/${categories.join('+')}`;
      const response = await deps.http.get(url, { maxBytes: SERVICE_MAX_BYTES.arxivRss });
      if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
      const ids = parseArxivListing(url, response.body)
        .filter((a) => ANNOUNCED_TODAY.has(a.announceType))
        .map((a) => a.id);
      const looked = await deps.arxivApi.lookup(ids);
      const day = today(now);
      const listed = await deps.papers.addListings(looked.found, day, 'harvested');
      return { ...looked, day, announced: ids.length, listed };
    },
  };
}

export type ArxivRssService = ReturnType<typeof createArxivRssService>;
