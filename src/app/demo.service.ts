// The demo set (data/demo: the captured trending page's 77 papers with the facts gathered for them, their code, demo
// upvotes, and the star counts of their repositories): loaded into an empty database on first start when no source
// answered, removable in one command.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, today } from '../time.ts';
import type { CodeService } from '../code/code.service.ts';
import type { PapersService } from '../papers/papers.service.ts';
import type { ImportCounts, ImportService } from '../ingest/import.service.ts';

const demoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/demo');
export const demoFile = path.join(demoDir, 'papers.jsonl');
const demoRepositoriesFile = path.join(demoDir, 'repositories.json');
const demoExtraFile = path.join(demoDir, 'papers-extra.json');

/** Per paper: the repository its public pages name (the authors' code) and the demo's upvotes. */
interface DemoExtra {
  papers: Array<{ id: string; githubRepo: string | null; upvotes: number }>;
}

interface DemoRepositories {
  repositories: Array<{ response: unknown; stars: Array<{ daysAgo: number; stars: number }> }>;
}

/** Spread over the last week, so every recent day of the feed has something to show. */
const DEMO_DAYS = 7;

export function createDemoService(papers: PapersService, importer: ImportService, code: Pick<CodeService, 'loadDemo' | 'removeDemo' | 'linkOfficial'>) {
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
      const extra = JSON.parse(fs.readFileSync(demoExtraFile, 'utf8')) as DemoExtra;
      await code.linkOfficial(extra.papers.map((p) => ({ id: p.id, githubRepo: p.githubRepo, githubStars: null, projectPage: null })), 'text');
      await papers.saveExternalSignals(extra.papers.map((p) => ({ id: p.id, source: 'demo', upvotes: p.upvotes, comments: 0 })));
      // More code links came with their text; the counts make "trending by code" show something.
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
