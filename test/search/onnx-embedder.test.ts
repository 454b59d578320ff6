// The ONNX provider, with a tiny model the test builds itself (no download, no network).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createOnnxEmbedder } from '../../src/search/onnx-embedder.adapter.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { tempDir } from '../helpers/temp-db.ts';
import { writeTinyOnnxModel } from '../helpers/tiny-onnx-model.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

describe('ONNX sentence embeddings (EMBEDDING_MODEL_DIR)', () => {
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
