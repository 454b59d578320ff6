// Imports files of papers, one JSON record a line, streaming: a 4 GB snapshot never sits in memory.
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { badRequest } from '../errors.ts';
import { dayOf, type ListingReason, type PaperInput } from '../papers/paper.ts';
import type { PapersService } from '../papers/papers.service.ts';
import { detectFormat, importFormatNames, importFormats, type ImportFormat } from './formats.ts';

export interface ImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface Rejection {
  file: string;
  line: number;
  reason: string;
}

export interface ImportOptions {
  format?: ImportFormat | 'auto';
  /** Why imported papers are listed on their first-version day; null lists nothing. */
  listingReason?: ListingReason | null;
  /** Overrides the listing day (the demo spreads its papers over recent days). */
  listingDay?: (paper: PaperInput, index: number) => string | null;
  isDemo?: boolean;
  batchSize?: number;
  onRejected?: (rejection: Rejection) => void;
  onProgress?: (counts: ImportCounts & { lines: number }) => void;
}

const emptyCounts = (): ImportCounts => ({ imported: 0, updated: 0, unchanged: 0, rejected: 0 });

function openLines(file: string): readline.Interface {
  let input: NodeJS.ReadableStream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  if (file.endsWith('.gz')) input = input.pipe(zlib.createGunzip());
  return readline.createInterface({ input, crlfDelay: Infinity });
}

function parseJsonLine(text: string): { value: unknown } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'not a JSON object' };
    return { value };
  } catch (error) {
    return { error: `not valid JSON (${(error as Error).message})` };
  }
}

export function createImportService(papers: PapersService) {
  async function importFile(file: string, options: ImportOptions = {}, totals = emptyCounts()): Promise<ImportCounts> {
    if (!fs.existsSync(file)) throw badRequest(`${file}: no such file`);
    const batchSize = options.batchSize ?? 2000;
    let format: ImportFormat | null = options.format && options.format !== 'auto' ? options.format : null;
    let batch: PaperInput[] = [];
    let lineNumber = 0;
    let accepted = 0;

    const rejected = (line: number, reason: string) => {
      totals.rejected += 1;
      options.onRejected?.({ file, line, reason });
    };
    const flush = () => {
      if (batch.length === 0) return;
      const reason = options.listingReason === undefined ? 'imported' : options.listingReason;
      const outcomes = papers.upsertMany(batch, {
        listing: reason ? { reason, dayOf: listingDayFor(batch, accepted - batch.length, options) } : null,
        isDemo: options.isDemo ?? false,
        now: new Date().toISOString(),
      });
      for (const outcome of outcomes) totals[outcome] += 1;
      batch = [];
      options.onProgress?.({ ...totals, lines: lineNumber });
    };

    for await (const rawLine of openLines(file)) {
      lineNumber += 1;
      const line = rawLine.trim();
      if (line === '') continue;
      const json = parseJsonLine(line);
      if ('error' in json) {
        rejected(lineNumber, json.error);
        continue;
      }
      format ??= detectFormat(json.value);
      if (!format) {
        throw badRequest(
          `${file}: cannot tell the format from the record on line ${lineNumber}; pass --format ${importFormatNames.join('|')}`,
        );
      }
      const record = importFormats[format](json.value);
      if (!record.ok) {
        rejected(lineNumber, record.reason);
        continue;
      }
      batch.push(record.paper);
      accepted += 1;
      if (batch.length >= batchSize) flush();
    }
    flush();
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

function listingDayFor(batch: readonly PaperInput[], firstIndex: number, options: ImportOptions) {
  const custom = options.listingDay;
  if (custom) {
    const positions = new Map(batch.map((paper, i) => [paper, firstIndex + i]));
    return (paper: PaperInput) => custom(paper, positions.get(paper) ?? 0);
  }
  return (paper: PaperInput) => (paper.publishedAt ? dayOf(paper.publishedAt) : null);
}
