// The demo set (data/demo/papers.jsonl): loaded into an empty database on first start, removable in one command.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, today } from '../feed/period.ts';
import type { PapersService } from '../papers/papers.service.ts';
import type { ImportCounts, ImportService } from './import.service.ts';

export const demoFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/demo/papers.jsonl');

/** Spread over the last week, so every recent day of the feed has something to show. */
const DEMO_DAYS = 7;

export function createDemoService(papers: PapersService, importer: ImportService) {
  return {
    /** Loads the demo set when the database holds no paper at all; returns null when it did not. */
    async loadIntoEmpty(now: Date = new Date()): Promise<ImportCounts | null> {
      if ((await papers.count()) > 0) return null;
      const latest = today(now);
      return importer.importFile(demoFile, {
        format: 'jsonl',
        listingReason: 'demo',
        isDemo: true,
        listingDay: (_paper, index) => addDays(latest, -(index % DEMO_DAYS)),
      });
    },

    remove() {
      return papers.removeDemo();
    },
  };
}
