// Every paper's picture: its first PDF page when it has been rendered, else its title card (at once, and always
// there). The first view of a paper without a rendered page asks for its PDF in the background, through the polite
// client, one at a time; a failure is recorded and tried again after a day, doubling, at most a month.
import type { Db } from '../db/database.ts';
import { SERVICE_MAX_BYTES, type PoliteHttp } from '../net/polite-http.ts';
import { isLocalId } from '../papers/paper-id.ts';
import type { PapersService } from '../papers/papers.service.ts';
import { DEFAULT_RENDER_LIMITS, renderFirstPage, type RenderLimits } from './pdf-render.ts';
import { titleCardSvg, type Thumbnail } from './thumbnail.ts';
import * as repo from './thumbnails.repository.ts';

/** Papers waiting for their PDF at most; more are asked for at their next view. */
const MAX_PENDING = 200;
const DAY_MS = 86_400_000;
const MAX_RETRY_MS = 30 * DAY_MS;

export interface ThumbnailsOptions {
  /** `pdf`: first pages fetched from `pdfUrl`; `cards`: title cards only (no fetch: offline machines, tests). */
  mode: 'pdf' | 'cards';
  /** Where a paper's PDF is: `${pdfUrl}/${id}` (arXiv's https://arxiv.org/pdf). */
  pdfUrl: string;
  renderLimits?: RenderLimits;
  log?: (message: string) => void;
}

export function createThumbnailsService(deps: { db: Db; papers: PapersService; http: PoliteHttp }, options: ThumbnailsOptions) {
  const pending = new Map<string, number>();
  let working: Promise<void> | null = null;

  async function fetchAndRender(id: string, pk: number): Promise<void> {
    const now = new Date();
    try {
      const response = await deps.http.get(`${options.pdfUrl.replace(/\/+$/, '')}/${id}`, { binary: true, maxBytes: SERVICE_MAX_BYTES.arxivPdf });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      const bytes = response.bytes ?? Buffer.alloc(0);
      if (bytes.subarray(0, 1024).indexOf('%PDF-') < 0) throw new Error('the answer is not a PDF');
      const image = await renderFirstPage(bytes, options.renderLimits ?? DEFAULT_RENDER_LIMITS);
      await repo.saveImage(deps.db, pk, image, 'image/webp', new Date().toISOString());
    } catch (error) {
      const stored = await repo.findThumbnail(deps.db, pk);
      const wait = Math.min(MAX_RETRY_MS, DAY_MS * 2 ** (stored?.failures ?? 0));
      await repo.saveFailure(deps.db, pk, (error as Error).message, new Date(now.getTime() + wait).toISOString(), now.toISOString());
      options.log?.(`thumbnail of ${id}: ${(error as Error).message}`);
    }
  }

  /** Works through the papers waiting, one at a time (the polite client spaces the fetches). */
  function drain(): Promise<void> {
    working ??= (async () => {
      try {
        for (let next = pending.entries().next(); !next.done; next = pending.entries().next()) {
          const [id, pk] = next.value;
          await fetchAndRender(id, pk);
          pending.delete(id);
        }
      } finally {
        working = null;
      }
    })();
    return working;
  }

  function ask(id: string, pk: number): void {
    if (options.mode !== 'pdf' || isLocalId(id) || pending.has(id) || pending.size >= MAX_PENDING) return;
    pending.set(id, pk);
    void drain().catch((error: unknown) => options.log?.(`thumbnails: ${String(error)}`));
  }

  return {
    /** A paper's picture, or null for a paper not stored here. */
    async forPaper(reference: string, now: Date = new Date()): Promise<Thumbnail | null> {
      const found = await deps.papers.find(reference);
      if (!found) return null;
      const { paper } = found;
      const stored = await repo.findThumbnail(deps.db, paper.pk);
      if (stored?.image && stored.contentType) return { kind: 'pdf', contentType: stored.contentType, body: stored.image, createdAt: stored.createdAt };
      if (!stored || (stored.retryAt !== null && Date.parse(stored.retryAt) <= now.getTime())) ask(paper.id, paper.pk);
      return { kind: 'card', contentType: 'image/svg+xml; charset=utf-8', body: Buffer.from(titleCardSvg(paper)), createdAt: paper.firstSeenAt };
    },

    /** Until the papers asked for so far are fetched and rendered (tests, `thumbnails` commands). */
    settled(): Promise<void> {
      return working ?? Promise.resolve();
    },

    countRendered(): Promise<number> {
      return repo.countImages(deps.db);
    },
  };
}

export type ThumbnailsService = ReturnType<typeof createThumbnailsService>;
