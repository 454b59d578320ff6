// Looks papers up by id in the arXiv API (batched id_list queries) and stores what it returns.
import type { PapersService, UpsertOutcome } from '../papers/papers.service.ts';
import { parseArxivId } from '../papers/paper-id.ts';
import { SERVICE_MAX_BYTES, FetchError, type PoliteHttp } from '../net/polite-http.ts';
import { AppError } from '../errors.ts';
import { parseArxivAtom } from './sources/arxiv-atom.ts';

/** The API answers up to this many ids in one query. */
export const ARXIV_API_BATCH = 100;
// Something the API might still accept; anything else is refused here without a request.
const PLAUSIBLE = /^[\w.\-/]{1,64}$/;

export interface LookupError {
  reference: string;
  message: string;
}

export interface LookupResult {
  counts: { imported: number; updated: number; unchanged: number; rejected: number };
  /** Canonical ids stored (or already stored and unchanged), in the order asked. */
  found: string[];
  errors: LookupError[];
}

interface Wanted {
  reference: string;
  /** What is sent in id_list: the canonical id, with its version when one was asked for. */
  query: string;
  /** The canonical id the answer is matched on; null when our parser could not read it. */
  id: string | null;
}

export function createArxivApiService(deps: { papers: PapersService; http: PoliteHttp; apiUrl: string }) {
  const queryUrl = (ids: string[]) => {
    const params = new URLSearchParams({
      search_query: '', id_list: ids.join(','), sortBy: 'relevance', sortOrder: 'descending',
      start: '0', max_results: String(ARXIV_API_BATCH),
    });
    return `${deps.apiUrl}?${params}`;
  };

  /** One batch; ids the API calls malformed are reported and the rest asked again. */
  async function fetchBatch(batch: Wanted[], result: LookupResult, tally: (o: UpsertOutcome) => void, impatient: boolean): Promise<void> {
    let pending = batch;
    while (pending.length > 0) {
      const url = queryUrl(pending.map((w) => w.query));
      const response = await deps.http.get(url, { impatient, maxBytes: SERVICE_MAX_BYTES.arxivApi });
      const atom = parseArxivAtom(response.body, url);
      if (response.status !== 200) {
        const refused = new Set(atom.errors.map((e) => e.reference));
        const named = pending.filter((w) => refused.has(w.query));
        if (named.length === 0) {
          const reason = atom.errors[0]?.message ?? `HTTP ${response.status}`;
          for (const w of pending) result.errors.push({ reference: w.reference, message: `arXiv API: ${reason}` });
          return;
        }
        for (const w of named) {
          const message = atom.errors.find((e) => e.reference === w.query)?.message ?? 'refused';
          result.errors.push({ reference: w.reference, message: `arXiv API: ${message}` });
        }
        pending = pending.filter((w) => !refused.has(w.query));
        continue;
      }
      const refused = (paper: { id: string }, reason: string) => result.errors.push({ reference: paper.id, message: `refused: ${reason}` });
      for (const outcome of await deps.papers.upsertMany(atom.papers, { listing: null, isDemo: false, now: new Date().toISOString() }, refused)) {
        if (outcome !== 'rejected') tally(outcome);
      }
      const returned = new Set(atom.papers.map((p) => p.id));
      for (const w of pending) {
        if (w.id && returned.has(w.id)) result.found.push(w.id);
        else result.errors.push({ reference: w.reference, message: 'not found on arXiv' });
      }
      for (const e of atom.errors) {
        if (!pending.some((w) => w.query === e.reference)) result.errors.push({ reference: e.reference, message: `arXiv API: ${e.message}` });
      }
      return;
    }
  }

  return {
    /**
     * Fetches and stores the papers behind ids, versioned ids or arXiv URLs; reports each one that failed. `impatient`:
     * a person is waiting (a submission), so arXiv gets one retry, not minutes of backing off (polite-http.ts).
     */
    async lookup(references: readonly string[], options: { impatient?: boolean } = {}): Promise<LookupResult> {
      const result: LookupResult = { counts: { imported: 0, updated: 0, unchanged: 0, rejected: 0 }, found: [], errors: [] };
      const wanted = new Map<string, Wanted>();
      for (const reference of references) {
        const ref = parseArxivId(reference);
        const text = reference.trim();
        if (ref) wanted.set(ref.id + (ref.version ? `v${ref.version}` : ''), { reference, query: ref.id + (ref.version ? `v${ref.version}` : ''), id: ref.id });
        else if (PLAUSIBLE.test(text)) wanted.set(text, { reference, query: text, id: null });
        else result.errors.push({ reference, message: 'not an arXiv id or arXiv URL' });
      }
      const all = [...wanted.values()];
      const tally = (outcome: UpsertOutcome) => (result.counts[outcome] += 1);
      for (let i = 0; i < all.length; i += ARXIV_API_BATCH) {
        try {
          await fetchBatch(all.slice(i, i + ARXIV_API_BATCH), result, tally, options.impatient ?? false);
        } catch (error) {
          if (!options.impatient || !(error instanceof FetchError)) throw error;
          throw new AppError('unavailable', 'arXiv did not answer just now. Nothing was lost: try again in a minute.');
        }
      }
      result.counts.rejected = result.errors.length;
      return result;
    },
  };
}

export type ArxivApiService = ReturnType<typeof createArxivApiService>;
