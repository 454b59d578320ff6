// Do similar papers come from the paper's field? For every demo paper with categories (the fixture papers), the
// share whose ten similar papers are mostly (six or more) of its primary category, its archive, or list its primary
// category among theirs (cross-lists) — counted over the papers that have six such papers in the corpus at all, and
// over all of them; then by the fixture the papers came from.
// Usage: node --import tsx bench/similar-papers.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Paper } from '../src/papers/paper.ts';
import { arxivApiFixtureIds, snapshotSampleIds } from '../test/helpers/fixture-papers.ts';
import { tempDatabase } from '../test/helpers/temp-db.ts';
import { machineLine } from './env.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const demoFile = path.join(here, '../test/fixtures/corpus/papers.jsonl');
const t = await tempDatabase();
await t.services.importer.importFile(demoFile);
await t.services.search.refitSemantic();

type Filed = Pick<Paper, 'id' | 'primaryCategory' | 'categories'>;
const demo = fs.readFileSync(demoFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; categories?: string[] });
const filed: Filed[] = demo.filter((p) => p.categories?.length).map((p) => ({ id: p.id, categories: p.categories ?? [], primaryCategory: p.categories?.[0] ?? null }));
const archive = (category: string | null) => (category ?? '').split('.')[0];

const rules: Array<[name: string, agrees: (paper: Filed, other: Filed) => boolean]> = [
  ['primary category', (p, o) => o.primaryCategory === p.primaryCategory],
  ['cross-listed in it', (p, o) => o.categories.includes(p.primaryCategory as string)],
  ['archive', (p, o) => archive(o.primaryCategory) === archive(p.primaryCategory)],
];
const pct = (a: number, b: number) => `${a} (${Math.round((100 * a) / Math.max(b, 1))}%)`;
console.log(machineLine());
console.log(`${filed.length} of the ${demo.length} demo papers have categories (the fixture papers); ten similar papers each, LSA fitted on the demo set`);
console.log('most of ten share the paper’s …   can (≥ 6 in corpus)   do (of those)   do (of all)');
for (const [name, agrees] of rules) {
  let can = 0;
  let doAmongCan = 0;
  let doAll = 0;
  for (const paper of filed) {
    const similar = await t.services.search.similar((await t.services.papers.get(paper.id)).paper, 10);
    const agreeing = similar.filter((s) => agrees(paper, s.paper)).length >= 6;
    if (agreeing) doAll += 1;
    if (filed.filter((o) => o.id !== paper.id && agrees(paper, o)).length >= 6) {
      can += 1;
      if (agreeing) doAmongCan += 1;
    }
  }
  console.log(`${name.padEnd(34)} ${pct(can, filed.length).padEnd(21)} ${pct(doAmongCan, can).padEnd(15)} ${pct(doAll, filed.length)}`);
}

// By the fixture each paper came from: the arXiv API's answers to one query ("testing") share a field; the snapshot
// sample is spread over all of arXiv, so few of its papers have six others of their category here.
const fromApi = arxivApiFixtureIds();
const fromSnapshot = snapshotSampleIds();
console.log('primary category, by fixture:         papers   most of ten share it');
for (const [name, ids] of [['arXiv API answers (query "testing")', fromApi], ['snapshot sample (kaggle/)', fromSnapshot]] as const) {
  const these = filed.filter((p) => ids.has(p.id));
  let agreeing = 0;
  for (const paper of these) {
    const similar = await t.services.search.similar((await t.services.papers.get(paper.id)).paper, 10);
    if (similar.filter((s) => s.paper.primaryCategory === paper.primaryCategory).length >= 6) agreeing += 1;
  }
  console.log(`${name.padEnd(38)} ${String(these.length).padEnd(8)} ${pct(agreeing, these.length)}`);
}
await t.cleanup();
