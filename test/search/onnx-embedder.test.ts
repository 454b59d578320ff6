// The ONNX provider, with a tiny model the test builds itself (no download, no network). @huggingface/transformers
// is an optional peer dependency: .ci/run installs it, so CI runs the provider end to end; a plain `npm ci` leaves
// it out, and then only the message for a missing package is checked here (the provider's tests say they skipped).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createOnnxEmbedder, MISSING_TRANSFORMERS } from '../../src/search/onnx-embedder.adapter.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { tempDir } from '../helpers/temp-db.ts';
import { writeTinyOnnxModel } from '../helpers/tiny-onnx-model.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

const installed = (() => {
  try {
    createRequire(import.meta.url).resolve('@huggingface/transformers');
    return true;
  } catch {
    return false;
  }
})();
const skip = installed ? false : '@huggingface/transformers is not installed (an optional peer; .ci/run installs it)';

describe('a missing @huggingface/transformers', () => {
  it('is reported with what to do, not as a stack trace', async () => {
    const missing = Object.assign(new Error("Cannot find package '@huggingface/transformers' imported from /app/src"), { code: 'ERR_MODULE_NOT_FOUND' });
    await assert.rejects(createOnnxEmbedder('/models/any', () => Promise.reject(missing)), { message: MISSING_TRANSFORMERS });
    assert.match(MISSING_TRANSFORMERS, /npm install @huggingface\/transformers/);
  });

  it('stops `serve` at start with that message and exit 1', { skip: installed ? 'the package is installed here' : false }, async () => {
    const { runCli } = await import('../helpers/cli.ts');
    const dir = tempDir('paperboard-onnx-missing-');
    const result = await runCli(['serve', '--port', '0', '--no-jobs'], { PAPERBOARD_DB: path.join(dir, 'p.db'), EMBEDDING_MODEL_DIR: dir, DEMO_DATA: 'off' });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /npm install @huggingface\/transformers/);
  });
});

describe('ONNX sentence embeddings (EMBEDDING_MODEL_DIR)', { skip }, () => {
  const parent = tempDir('paperboard-model-');
  const modelDir = writeTinyOnnxModel(parent);
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ dir }) => void dir, { EMBEDDING_MODEL_DIR: modelDir });
    const file = path.join(app.dir, 'papers.jsonl');
    const papers = [
      ['2611.40001', 'Graph neural networks', 'Learning on graph networks.', 'cs.LG'],
      ['2611.40002', 'Neural network learning', 'Networks that learn graph structure.', 'cs.LG'],
      ['2611.40003', 'Protein folding', 'How a protein molecule folds.', 'q-bio.BM'],
      ['2611.40004', 'Quantum gravity and galaxies', 'Photon paths near galaxies.', 'gr-qc'],
    ].map(([id, title, abstract, category]) => JSON.stringify({ id, title, abstract, categories: [category], publishedAt: '2026-11-20T00:00:00Z' }));
    fs.writeFileSync(file, papers.join('\n'));
    await app.services.importer.importFile(file);
  });
  after(async () => {
    await app.close();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('embeds text into unit vectors where words of one topic lie together', async () => {
    const embedder = await createOnnxEmbedder(modelDir);
    assert.equal(embedder.name, 'onnx:tiny-embedder');
    assert.equal(embedder.dimensions, 4);
    const [graph, neural, galaxy] = await embedder.embed(['graph networks', 'neural learning', 'galaxy photon']);
    assert.ok(Math.abs(dot(graph!, graph!) - 1) < 1e-5, 'unit length');
    assert.ok(dot(graph!, neural!) > dot(graph!, galaxy!));
  });

  it('serves search by meaning and similar papers once `reindex` has embedded the papers', async () => {
    const report = await app.services.search.refitSemantic();
    assert.deepEqual([report.model, report.vectors], ['onnx:tiny-embedder', 4]);
    const found = (await (await app.get('/api/search?q=neural%20graph%20learning&mode=semantic&limit=2')).json()) as { mode: string; items: Array<{ paper: { id: string } }> };
    assert.equal(found.mode, 'semantic');
    assert.deepEqual(found.items.map((i) => i.paper.id).sort(), ['2611.40001', '2611.40002']);
    const similar = (await (await app.get('/api/papers/2611.40001/similar?limit=1')).json()) as { items: Array<{ paper: { id: string } }> };
    assert.equal(similar.items[0]?.paper.id, '2611.40002');
  });
});
