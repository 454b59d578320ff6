// Harvests arXiv over OAI-PMH (ListRecords, metadataPrefix=arXiv), page by page. Each page's papers and the
// checkpoint that follows them are written in one transaction, so a harvest stopped at any moment resumes
// from the next page, with nothing doubled and nothing skipped.
import type { Db } from '../db/database.ts';
import { badRequest } from '../errors.ts';
import { addDays, parseDay, today } from '../time.ts';
import { dayOf, type PaperInput } from '../papers/paper.ts';
import type { PapersService } from '../papers/papers.service.ts';
import * as checkpoints from './harvest-checkpoints.repository.ts';
import { SERVICE_MAX_BYTES, type PoliteHttp } from '../net/polite-http.ts';
import { parseOaiPage } from './sources/oai-pmh.ts';

const SOURCE = 'arxiv-oai';

export interface HarvestOptions {
  from?: string;
  until?: string;
  set?: string;
  now?: Date;
  /** Which harvested papers to store (a set is a whole archive; the catch-up keeps the followed categories). */
  keep?: (paper: PaperInput) => boolean;
}

export interface HarvestResult {
  counts: { imported: number; updated: number; unchanged: number; rejected: number };
  deleted: number;
  pages: number;
  window: { from: string; until: string };
  /** True when the run picked up an interrupted window at its saved resumption token. */
  resumed: boolean;
  problems: Array<{ identifier: string; message: string }>;
}

export class OaiProtocolError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly url: string,
  ) {
    super(`OAI-PMH error ${code}: ${message} (${url})`);
    this.name = 'OaiProtocolError';
  }
}

function checkDay(name: string, text: string | undefined): string | undefined {
  if (text !== undefined && !parseDay(text)) throw badRequest(`--${name} must be a date as YYYY-MM-DD, not "${text}"`);
  return text;
}

export function createArxivOaiService(deps: { db: Db; papers: PapersService; http: PoliteHttp; oaiUrl: string }) {
  const { db, papers, http } = deps;

  function listUrl(window: { from: string; until: string }, set: string, token: string | null): string {
    const params = token
      ? new URLSearchParams({ verb: 'ListRecords', resumptionToken: token })
      : new URLSearchParams({ verb: 'ListRecords', metadataPrefix: 'arXiv', from: window.from, until: window.until, ...(set ? { set } : {}) });
    return `${deps.oaiUrl}?${params}`;
  }

  return {
    async harvest(options: HarvestOptions = {}): Promise<HarvestResult> {
      const set = options.set ?? '';
      const now = options.now ?? new Date();
      checkDay('from', options.from);
      checkDay('until', options.until);
      const saved = await checkpoints.findCheckpoint(db, SOURCE, set);

      let token: string | null = null;
      let window: { from: string; until: string };
      let resumed = false;
      if (!options.from && saved?.resumption_token) {
        window = { from: saved.window_from, until: saved.window_until };
        token = saved.resumption_token;
        resumed = true;
      } else {
        const until = options.until ?? today(now);
        window = { from: options.from ?? saved?.completed_until ?? addDays(until, -1), until };
      }
      if (window.from > window.until) throw badRequest(`--from ${window.from} is after --until ${window.until}`);

      const result: HarvestResult = {
        counts: { imported: 0, updated: 0, unchanged: 0, rejected: 0 }, deleted: 0, pages: 0, window, resumed, problems: [],
      };
      let lastDatestamp = resumed ? (saved?.last_datestamp ?? null) : null;
      let restarted = false;

      for (;;) {
        const url = listUrl(window, set, token);
        const response = await http.get(url, { maxBytes: SERVICE_MAX_BYTES.arxivOai });
        const page = parseOaiPage(url, response.body);
        if (page.kind === 'error') {
          if (page.code === 'noRecordsMatch') break; // an empty window is a success
          if (page.code === 'badResumptionToken' && token && !restarted) {
            // The token expired (or the server forgot it): ask for the window again from its last datestamp.
            restarted = true;
            token = null;
            window = { from: lastDatestamp ?? window.from, until: window.until };
            continue;
          }
          throw new OaiProtocolError(page.code, page.message, url);
        }
        if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);

        const stored = page.records.filter((r) => r.paper !== null && (options.keep?.(r.paper) ?? true));
        for (const record of page.records) {
          if (record.deleted) result.deleted += 1;
          else if (record.problem) result.problems.push({ identifier: record.identifier, message: record.problem });
          if (record.datestamp && (!lastDatestamp || record.datestamp > lastDatestamp)) lastDatestamp = record.datestamp;
        }
        const next = page.resumptionToken;
        await db.transaction(async () => {
          const outcomes = await papers.upsertMany(
            stored.map((r) => r.paper as NonNullable<typeof r.paper>),
            {
              listing: { reason: 'harvested', dayOf: (p) => (p.publishedAt ? dayOf(p.publishedAt) : null) },
              isDemo: false,
              now: new Date().toISOString(),
            },
            (paper, reason) => result.problems.push({ identifier: paper.id, message: `refused: ${reason}` }),
          );
          for (const outcome of outcomes) if (outcome !== 'rejected') result.counts[outcome] += 1;
          await checkpoints.saveCheckpoint(db, {
            source: SOURCE,
            set_spec: set,
            window_from: window.from,
            window_until: window.until,
            resumption_token: next,
            last_datestamp: lastDatestamp,
            completed_until: next ? (saved?.completed_until ?? null) : window.until,
            updated_at: new Date().toISOString(),
          });
        });
        result.pages += 1;
        if (!next) break;
        token = next;
      }
      if (result.pages === 0) {
        // Nothing matched: the window is done all the same.
        await checkpoints.saveCheckpoint(db, {
          source: SOURCE, set_spec: set, window_from: window.from, window_until: window.until, resumption_token: null,
          last_datestamp: lastDatestamp, completed_until: window.until, updated_at: new Date().toISOString(),
        });
      }
      result.counts.rejected = result.problems.length;
      return result;
    },
  };
}

export type ArxivOaiService = ReturnType<typeof createArxivOaiService>;
