// Paperboard's HF-shaped JSON against Hugging Face's own (issue 21, point 7): one schema, written from HF's recorded
// /api/daily_papers answer, must accept every item of that answer and every item Paperboard gives, on both engines.
// An HF client reading Paperboard finds HF's keys with HF's types, and the values Paperboard knows: a featured paper's
// repository and stars, its project page, HF's summary and keywords.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { fixturesDir } from '../helpers/paths.ts';
import { ENGINES } from '../helpers/postgres.ts';

/** HF's item as recorded: the keys an HF client reads, with their types (HF leaves out what it does not know). */
const hfItem = z.object({
  paper: z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    authors: z.array(z.object({ name: z.string() })),
    publishedAt: z.string(),
    upvotes: z.number().int(),
    githubRepo: z.string().url().optional(),
    githubStars: z.number().int().optional(),
    projectPage: z.string().url().optional(),
    ai_summary: z.string().optional(),
    ai_keywords: z.array(z.string()).optional(),
  }),
  publishedAt: z.string(),
  title: z.string(),
  summary: z.string(),
  thumbnail: z.string().optional(),
  numComments: z.number().int(),
  submittedBy: z.object({ name: z.string() }).optional(),
});

const sampleFile = path.join(fixturesDir, 'hf/daily_papers.2026-11-25.json');
const sample = JSON.parse(fs.readFileSync(sampleFile, 'utf8')) as Array<{ paper: { id: string; githubRepo?: string; githubStars?: number; ai_summary?: string; ai_keywords?: string[] } }>;

describe('the schema of Hugging Face’s daily papers', () => {
  it('accepts every item of HF’s recorded answer', () => {
    for (const item of sample) hfItem.parse(item);
  });
});

for (const engine of ENGINES) {
  describe(`Paperboard’s /api/daily_papers and /api/trending read as HF’s (${engine})`, () => {
    let app: RunningApp;
    before(async () => {
      app = await startApp(async ({ services }) => {
        assert.equal((await services.importer.importFile(sampleFile)).rejected, 0);
      }, { RATE_LIMIT_READS: '0', PAGE_CACHE_SECONDS: '0' }, engine);
    });
    after(() => app.close());

    it('gives HF’s keys with HF’s types, and the values HF gave for the same papers', async () => {
      const items = (await (await app.get('/api/daily_papers?date=2026-11-25&limit=100')).json()) as unknown[];
      assert.equal(items.length, sample.length);
      const ours = new Map(items.map((raw) => {
        const item = hfItem.parse(raw);
        return [item.paper.id, item] as const;
      }));
      for (const theirs of sample) {
        const item = ours.get(theirs.paper.id);
        assert.ok(item, theirs.paper.id);
        if (theirs.paper.githubRepo) {
          assert.equal(item.paper.githubRepo?.toLowerCase(), theirs.paper.githubRepo.toLowerCase(), `${theirs.paper.id}: githubRepo`);
          assert.equal(item.paper.githubStars, theirs.paper.githubStars, `${theirs.paper.id}: githubStars`);
        }
        if (theirs.paper.ai_summary) assert.equal(item.paper.ai_summary, theirs.paper.ai_summary);
        if (theirs.paper.ai_keywords?.length) assert.deepEqual(item.paper.ai_keywords, [...new Set(theirs.paper.ai_keywords)].slice(0, 20));
      }
      assert.ok([...ours.values()].some((i) => i.paper.githubRepo && typeof i.paper.githubStars === 'number'), 'some papers carry their repository and stars');
    });

    it("shows HF's summary as a card's one line, labelled as HF's", async () => {
      const withSummary = sample.find((item) => item.paper.ai_summary);
      assert.ok(withSummary?.paper.ai_summary);
      const page = await (await app.get('/date/2026-11-25')).text();
      const escaped = withSummary.paper.ai_summary.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      assert.ok(page.includes(`<span class="source-label" title="A one-line summary written by Hugging Face">HF summary</span> ${escaped}`));
    });

    it('gives trending by stars in the same shape', async () => {
      const items = (await (await app.get('/api/trending?by=stars&limit=20')).json()) as unknown[];
      assert.ok(items.length > 0);
      for (const raw of items) hfItem.parse(raw);
      assert.ok(items.some((raw) => typeof (raw as { paper: { githubStars?: number } }).paper.githubStars === 'number'));
    });
  });
}
