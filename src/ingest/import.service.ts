// Imports files of papers, one JSON record a line: a worker thread parses, this thread stores in batches.
// A 4 GB snapshot streams through; memory holds a few batches at most.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { badRequest } from '../errors.ts';
import { dayOf, type ListingReason, type PaperInput } from '../papers/paper.ts';
import type { PapersService } from '../papers/papers.service.ts';
import type { ImportFormat } from './formats.ts';
import type { HfDailyService } from './hf-daily.service.ts';
import type { ParseJob, ParseMessage } from './parse.worker.ts';

export interface ImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Records stored after cleaning (control characters removed, long secondary fields cut): papers/paper-limits.ts. */
  cleaned: number;
}

export interface Rejection {
  file: string;
  line: number;
  reason: string;
}

/** The line formats, and Hugging Face's daily papers response (one JSON array, not lines). */
export type FileFormat = ImportFormat | 'hf-daily';

export interface ImportOptions {
  format?: FileFormat | 'auto';
  /** Why imported papers are listed on their first-version day; null lists nothing. */
  listingReason?: ListingReason | null;
  /** Overrides the listing day (the demo spreads its papers over recent days); index counts accepted records. */
  listingDay?: (paper: PaperInput, index: number) => string | null;
  isDemo?: boolean;
  batchSize?: number;
  onRejected?: (rejection: Rejection) => void;
  /** A record stored with changes: what was changed (`reason` joins the notes). */
  onCleaned?: (cleaned: Rejection) => void;
  onProgress?: (counts: ImportCounts & { lines: number }) => void;
}

const workerEntry = new URL('../worker-entry.mjs', import.meta.url);
const parseWorker = new URL('./parse.worker.ts', import.meta.url).href;
const emptyCounts = (): ImportCounts => ({ imported: 0, updated: 0, unchanged: 0, rejected: 0, cleaned: 0 });

function listingDayFor(options: ImportOptions, firstIndex: number, batch: readonly PaperInput[]) {
  const custom = options.listingDay;
  if (!custom) return (paper: PaperInput) => (paper.publishedAt ? dayOf(paper.publishedAt) : null);
  const positions = new Map(batch.map((paper, i) => [paper, firstIndex + i]));
  return (paper: PaperInput) => custom(paper, positions.get(paper) ?? 0);
}

/** A file that opens with "[" is a saved JSON response, not one record a line. */
function startsWithArray(file: string): boolean {
  if (file.endsWith('.gz')) return false;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(256);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, read).toString('utf8').trimStart().startsWith('[');
  } finally {
    fs.closeSync(fd);
  }
}

export function createImportService(papers: PapersService, hfDaily: HfDailyService) {
  async function store(batch: PaperInput[], accepted: number, options: ImportOptions, totals: ImportCounts): Promise<void> {
    const reason = options.listingReason === undefined ? 'imported' : options.listingReason;
    const outcomes = await papers.upsertMany(batch, {
      listing: reason ? { reason, dayOf: listingDayFor(options, accepted, batch) } : null,
      isDemo: options.isDemo ?? false,
      now: new Date().toISOString(),
    });
    for (const outcome of outcomes) totals[outcome] += 1;
  }

  async function importFile(file: string, options: ImportOptions = {}, totals = emptyCounts()): Promise<ImportCounts> {
    if (!fs.existsSync(file)) throw badRequest(`${file}: no such file`);
    const format = options.format ?? 'auto';
    if (format === 'hf-daily' || (format === 'auto' && startsWithArray(file))) {
      const result = await hfDaily.importFile(file, (item, reason) => options.onRejected?.({ file, line: item, reason }));
      for (const key of ['imported', 'updated', 'unchanged', 'rejected'] as const) totals[key] += result.counts[key];
      return totals;
    }
    const job: ParseJob = { file, format, batchSize: options.batchSize ?? 10_000 };
    const worker = new Worker(workerEntry, { workerData: job, argv: [parseWorker] });
    let accepted = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        // Messages are handled one after another, in the order the parser sent them: a batch is stored before the
        // next message (and "done") is looked at. The parser may exit before its last messages are handled.
        let handled = Promise.resolve();
        worker.on('exit', (code) => void handled.then(() => reject(new Error(`the import parser stopped unexpectedly (exit ${code})`))));
        worker.on('message', (message: ParseMessage) => {
          handled = handled.then(() => handle(message)).catch(reject);
        });
        const handle = async (message: ParseMessage) => {
          {
            if (message.type === 'batch') {
              await store(message.papers, accepted, options, totals);
              accepted += message.papers.length;
              worker.postMessage('credit');
              options.onProgress?.({ ...totals, lines: message.line });
            } else if (message.type === 'rejected') {
              totals.rejected += 1;
              options.onRejected?.({ file, line: message.line, reason: message.reason });
            } else if (message.type === 'cleaned') {
              totals.cleaned += 1;
              options.onCleaned?.({ file, line: message.line, reason: message.notes.join('; ') });
            } else if (message.type === 'done') {
              resolve();
            } else {
              reject(message.unknownFormat ? badRequest(message.message) : new Error(`${file}: ${message.message}`));
            }
          }
        };
      });
    } finally {
      await worker.terminate();
    }
    return totals;
  }

  return {
    importFile,
    /** Imports several files in turn; the counts add up across them. */
    async importFiles(files: readonly string[], options: ImportOptions = {}): Promise<ImportCounts> {
      const totals = emptyCounts();
      for (const file of files) await importFile(file, options, totals);
      return totals;
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
