// Where the repository and the shared, read-only data live during tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// CI lays a copy of shared/ beside the clone; PAPERBOARD_SHARED_DIR points elsewhere when it is not.
export const sharedDir = path.resolve(process.env.PAPERBOARD_SHARED_DIR ?? path.join(repoRoot, '../shared'));
if (!fs.existsSync(path.join(sharedDir, 'fixtures'))) {
  throw new Error(`The shared test data is missing at ${sharedDir}: put shared/ beside the repository or set PAPERBOARD_SHARED_DIR.`);
}
export const kaggleSample = path.join(sharedDir, 'fixtures/kaggle/arxiv-metadata-oai-snapshot.sample.jsonl');

/** The demo set the app loads on first start (the captured page and every fixture paper). */
export const demoPapers = path.join(repoRoot, 'data/demo/papers.jsonl');
