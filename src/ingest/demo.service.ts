// The demo set (data/demo/papers.jsonl, and repositories.json for the star counts of the code its papers name):
// loaded into an empty database on first start, removable in one command.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, today } from '../feed/period.ts';
import type { CodeService } from '../code/code.service.ts';
import type { PapersService } from '../papers/papers.service.ts';
import type { ImportCounts, ImportService } from './import.service.ts';

const demoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/demo');
export const demoFile = path.join(demoDir, 'papers.jsonl');
const demoRepositoriesFile = path.join(demoDir, 'repositories.json');

interface DemoRepositories {
  repositories: Array<{ response: unknown; stars: Array<{ daysAgo: number; stars: number }> }>;
}

/** Spread over the last week, so every recent day of the feed has something to show. */
const DEMO_DAYS = 7;

export function createDemoService(papers: PapersService, importer: ImportService, code: Pick<CodeService, 'loadDemo' | 'removeDemo'>) {
  return {
    /** Loads the demo set when the database holds no paper at all; returns null when it did not. */
    async loadIntoEmpty(now: Date = new Date()): Promise<ImportCounts | null> {
      if ((await papers.count()) > 0) return null;
      const latest = today(now);
      const counts = await importer.importFile(demoFile, {
        format: 'jsonl',
        listingReason: 'demo',
        isDemo: true,
        listingDay: (_paper, index) => addDays(latest, -(index % DEMO_DAYS)),
      });
      // The papers' code links came with their text; the counts make "trending by code" show something.
      const repositories = JSON.parse(fs.readFileSync(demoRepositoriesFile, 'utf8')) as DemoRepositories;
      await code.loadDemo(repositories.repositories, latest);
      return counts;
    },

    async remove() {
      const removed = await papers.removeDemo();
      return { ...removed, repositories: await code.removeDemo() };
    },
  };
}
