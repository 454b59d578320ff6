// Where the repository and the shared, read-only data live during tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const kaggleSample = path.join(sharedDir, 'fixtures/kaggle/arxiv-metadata-oai-snapshot.sample.jsonl');
