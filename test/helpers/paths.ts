// Where the repository and its test data live. The fixtures are the project's own copy of the shared recordings
// (scripts/sync-fixtures.mjs keeps it in step), so a clone needs nothing beside it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.join(repoRoot, 'test/fixtures');
export const kaggleSample = path.join(fixturesDir, 'kaggle/arxiv-metadata-oai-snapshot.sample.jsonl');
/** The captured trending page: 77 papers, title and abstract. */
export const seedPapers = path.join(fixturesDir, 'seed/seed-papers.jsonl');

/**
 * The test corpus (243 papers): the captured page under local ids and every paper of the recorded fixtures, in
 * Paperboard's JSON lines (scripts/build-fixture-corpus.ts). The demo the app loads is data/demo.
 */
export const fixtureCorpus = path.join(fixturesDir, 'corpus/papers.jsonl');
