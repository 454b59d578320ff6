// Search quality: nDCG@10 and Recall@100 of keyword, semantic and hybrid search (and of reciprocal rank fusion, the
// blend hybrid search was chosen over) on the judged set in
// bench/judged/demo-queries.json (known-item queries and topics in a reader's words, built from the demo data).
// Usage: node --import tsx bench/search-quality.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { searchModes, type SearchMode } from '../src/search/query.ts';
import { tempDatabase } from '../test/helpers/temp-db.ts';
import { ENGINES, type Engine } from '../test/helpers/postgres.ts';
import { startBenchPostgres } from './postgres-server.ts';
import { machineLine } from './env.ts';
import { reciprocalRankFusion } from '../src/search/fusion.ts';

interface Judged { kind: 'known-item' | 'topic'; query: string; relevant: string[] }
const here = path.dirname(fileURLToPath(import.meta.url));
const judged = JSON.parse(fs.readFileSync(path.join(here, 'judged/demo-queries.json'), 'utf8')) as Judged[];

export function ndcgAt10(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  const dcg = ranked.slice(0, 10).reduce((sum, id, i) => sum + (relevant.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
  const ideal = Array.from({ length: Math.min(10, relevant.size) }, (_, i) => 1 / Math.log2(i + 2)).reduce((a, b) => a + b, 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function recallAt100(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  return relevant.size === 0 ? 0 : ranked.slice(0, 100).filter((id) => relevant.has(id)).length / relevant.size;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

async function main(): Promise<void> {
// Both engines, side by side: the same corpus, the same judged queries.
const server = await startBenchPostgres();
process.env.PAPERBOARD_TEST_POSTGRES = server.clusterUrl;
const rows: Array<{ engine: Engine; mode: string; kind: string; ndcg: number; recall: number }> = [];
for (const engine of ENGINES) await judgeEngine(engine, rows);
await server.stop();

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
console.log(machineLine());
console.log(`judged set: ${judged.length} queries (${judged.filter((q) => q.kind === 'known-item').length} known-item, ${judged.filter((q) => q.kind === 'topic').length} topics) over the 243-paper demo set`);
console.log('                          SQLite              PostgreSQL');
console.log('mode         kind        nDCG@10  Recall@100 nDCG@10  Recall@100');
for (const mode of [...searchModes, 'rank-fusion']) {
  for (const kind of ['known-item', 'topic', 'all']) {
    const cells = ENGINES.map((engine) => {
      const these = rows.filter((r) => r.engine === engine && r.mode === mode && (kind === 'all' || r.kind === kind));
      return `${mean(these.map((r) => r.ndcg)).toFixed(3)}    ${mean(these.map((r) => r.recall)).toFixed(3)}`;
    });
    console.log(`${mode.padEnd(12)} ${kind.padEnd(11)} ${cells.join('      ')}`);
  }
}
}

async function judgeEngine(engine: Engine, rows: Array<{ engine: Engine; mode: string; kind: string; ndcg: number; recall: number }>): Promise<void> {
const t = await tempDatabase({}, engine);
await t.services.importer.importFile(path.join(here, '../test/fixtures/corpus/papers.jsonl'));
await t.services.search.refitSemantic();

const judge = (mode: string, q: Judged, ids: readonly string[]) => {
  const relevant = new Set(q.relevant);
  rows.push({ engine, mode, kind: q.kind, ndcg: ndcgAt10(ids, relevant), recall: recallAt100(ids, relevant) });
};
// Papers' keys, for fusing the keyword and semantic lists by rank as the search service did before the blend.
const idOfKey = new Map<number, string>();
const keyOf = async (id: string) => {
  const pk = (await t.services.papers.keyOf(id)) as number;
  idOfKey.set(pk, id);
  return pk;
};
for (const q of judged) {
  const lists = new Map<SearchMode, Array<{ id: string; score: number }>>();
  for (const mode of searchModes) {
    const list: Array<{ id: string; score: number }> = [];
    for (let page = 1; page <= 2; page += 1) {
      const result = await t.services.search.search(q.query, { mode, limit: 50, page });
      list.push(...result.items.map((item) => ({ id: item.paper.id, score: item.score })));
      if (!result.hasMore) break;
    }
    lists.set(mode, list);
    judge(mode, q, list.map((hit) => hit.id));
  }
  const ranked = async (mode: SearchMode) => Promise.all((lists.get(mode) ?? []).map(async (hit) => ({ pk: await keyOf(hit.id), score: hit.score })));
  judge('rank-fusion', q, reciprocalRankFusion([await ranked('keyword'), await ranked('semantic')]).map((hit) => idOfKey.get(hit.pk) as string));
}
await t.cleanup();
}
