import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fitLsa, embedWith } from '../../src/search/lsa.ts';
import { contentTokens } from '../../src/search/text-tokens.ts';
import { createVectorIndex, exactNeighbours } from '../../src/search/vector-index.store.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createServices } from '../../src/app/services.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { arxivApiFixtureIds } from '../helpers/fixture-papers.ts';
import { fixtureCorpus, repoRoot } from '../helpers/paths.ts';
import { tempDatabase } from '../helpers/temp-db.ts';
import { rows, scalar, sql } from '../helpers/sql.ts';
import { ENGINES } from '../helpers/postgres.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * (b[i] as number), 0);

describe('LSA embedder', () => {
  const corpus = [
    'cats purr and sleep on warm sofas', 'a kitten chases the cat toy', 'feline pets like cats and kittens',
    'stock markets fell as investors sold shares', 'share prices and market investors', 'traders buy stock on the exchange',
  ].map(contentTokens);

  it('puts documents on one topic nearer each other than across topics, deterministically', () => {
    const model = fitLsa(corpus, { dimensions: 2, maxVocabulary: 100, minDocumentFrequency: 1, seed: 1 });
    const index = new Map(model.vocabulary.map((t, j) => [t, j]));
    const v = corpus.map((tokens) => embedWith(model, index, tokens));
    assert.ok(dot(v[0]!, v[2]!) > dot(v[0]!, v[3]!), 'cats near cats');
    assert.ok(dot(v[3]!, v[4]!) > dot(v[3]!, v[1]!), 'markets near markets');
    const again = fitLsa(corpus, { dimensions: 2, maxVocabulary: 100, minDocumentFrequency: 1, seed: 1 });
    assert.deepEqual(again.projection, model.projection);
    const unknown = embedWith(model, index, contentTokens('quasar spectroscopy'));
    assert.ok(unknown.every((x) => x === 0), 'no known word, no direction');
  });
});

describe('vector index', () => {
  it('finds what exact search finds (recall@10 over 2,000 random vectors)', () => {
    const dimensions = 32;
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
    const entries = Array.from({ length: 2000 }, (_, i) => ({ pk: i + 1, vector: Float32Array.from({ length: dimensions }, random) }));
    const index = createVectorIndex(dimensions);
    index.add(entries);
    const matrix = new Float32Array(entries.length * dimensions);
    entries.forEach((e, i) => matrix.set(e.vector, i * dimensions));
    let found = 0;
    for (let q = 0; q < 50; q += 1) {
      const query = Float32Array.from({ length: dimensions }, random);
      const truth = new Set(exactNeighbours({ pks: entries.map((e) => e.pk), matrix, dimensions }, query, 10).map((n) => n.pk));
      found += index.search(query, 10).filter((n) => truth.has(n.pk)).length;
    }
    assert.ok(found / 500 >= 0.95, `recall@10 ${found / 500}`);
  });
});

for (const engine of ENGINES) describe(`search by meaning (${engine})`, () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ services }) => void (await services.importer.importFile(fixtureCorpus)), {}, engine);
  });
  after(() => app.close());

  const api = async (url: string) => (await app.get(url)).json() as Promise<Record<string, unknown>>;

  it('answers by words until a model is fitted, then by meaning', async () => {
    const before = (await api('/api/search?q=protons%20colliding&mode=semantic')) as { mode: string };
    assert.equal(before.mode, 'keyword');
    assert.deepEqual(((await api('/api/papers/0704.0001/similar')) as { items: unknown[] }).items, []);

    const fitted = await app.services.search.refitSemantic();
    assert.equal(fitted.vectors, 243);
    assert.ok(fs.existsSync(path.join(app.dir, 'vectors-lsa.usearch')), 'the index is saved beside the database');

    const semantic = (await api('/api/search?q=protons%20colliding%20at%20high%20energy&mode=semantic&limit=5')) as { mode: string; items: Array<{ paper: { primaryCategory: string } }> };
    assert.equal(semantic.mode, 'semantic');
    assert.ok(semantic.items.filter((i) => /^hep|^nucl|^physics/.test(i.paper.primaryCategory ?? '')).length >= 3, 'physics papers for a physics question');
    const hybrid = (await api('/api/search?q=diphoton%20production')) as { mode: string; items: Array<{ paper: { id: string } }> };
    assert.equal(hybrid.mode, 'hybrid');
    assert.equal(hybrid.items[0]?.paper.id, '0704.0001', 'the keyword match stays on top');
  });

  it('finds a paper from its pasted abstract', async () => {
    const paper = (await api('/api/papers/0704.0002')) as { abstract: string };
    const found = (await api(`/api/search?q=${encodeURIComponent(paper.abstract.slice(0, 900))}&limit=3`)) as { mode: string; items: Array<{ paper: { id: string } }> };
    assert.equal(found.mode, 'semantic', 'a long query is searched by meaning');
    assert.equal(found.items[0]?.paper.id, '0704.0002');
  });

  it('shows similar papers, mostly from the same field', async () => {
    const ids = await rows(app.db, sql<{ id: string; primary_category: string }>`SELECT id, primary_category FROM papers WHERE primary_category IS NOT NULL`);
    const archive = (c: string | null | undefined) => (c ?? '').split('.')[0];
    const mates = (paper: { id: string }, same: (other: { id: string; primary_category: string }) => boolean) => ids.filter((o) => o.id !== paper.id && same(o)).length;
    // Most of ten means six: a paper with fewer than six papers of its category in the corpus cannot be counted in.
    const agreeingIds: string[] = [];
    let canAgree = 0;
    let agree = 0;
    let canAgreeByArchive = 0;
    let agreeByArchive = 0;
    for (const paper of ids) {
      const similar = (await api(`/api/papers/${paper.id}/similar`)) as { items: Array<{ paper: { primaryCategory: string }; similarity: number }> };
      assert.equal(similar.items.length, 10);
      const sameCategory = similar.items.filter((s) => s.paper.primaryCategory === paper.primary_category).length;
      const sameArchive = similar.items.filter((s) => archive(s.paper.primaryCategory) === archive(paper.primary_category)).length;
      if (sameCategory >= 6) agreeingIds.push(paper.id);
      if (mates(paper, (o) => o.primary_category === paper.primary_category) >= 6) {
        canAgree += 1;
        if (sameCategory >= 6) agree += 1;
      }
      if (mates(paper, (o) => archive(o.primary_category) === archive(paper.primary_category)) >= 6) {
        canAgreeByArchive += 1;
        if (sameArchive >= 6) agreeByArchive += 1;
      }
    }
    assert.ok(canAgree >= 60, `enough papers to judge by (${canAgree})`);
    // The arXiv API fixtures answer one query, so their papers share fields: most of them must pass outright.
    const fromApi = arxivApiFixtureIds();
    const apiPapers = ids.filter((p) => fromApi.has(p.id));
    assert.ok(apiPapers.length >= 60);
    assert.ok(agreeingIds.filter((id) => fromApi.has(id)).length / apiPapers.length > 0.5, 'most of the API fixture papers');
    assert.ok(agree / canAgree > 0.8, `most of the ten share the primary category: ${agree} of ${canAgree} papers`);
    assert.ok(agreeByArchive / canAgreeByArchive > 0.75, `most of the ten share the archive: ${agreeByArchive} of ${canAgreeByArchive} papers`);
    const page = await (await app.get('/papers/0704.0001')).text();
    assert.match(page, /<h2 id="similar-heading">Similar papers<\/h2>/);
  });

  it('embeds papers that arrive after the fit', async () => {
    const file = path.join(app.dir, 'new.jsonl');
    fs.writeFileSync(file, JSON.stringify({ id: '2611.30001', title: 'Diphoton production at hadron colliders revisited', abstract: 'We compute photon pair cross sections at the LHC.', categories: ['hep-ph'], publishedAt: '2026-11-26T00:00:00Z' }));
    await app.services.importer.importFile(file);
    // Embedded as it arrives, without waiting for the job.
    let similar: { items: Array<{ paper: { id: string; primaryCategory: string } }> } = { items: [] };
    for (let tries = 0; similar.items.length === 0 && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      similar = (await api('/api/papers/2611.30001/similar?limit=3')) as typeof similar;
    }
    assert.ok(similar.items.some((s) => s.paper.id === '0704.0001'), 'near the diphoton paper');
    assert.equal(await app.services.search.embedNew(), 0, 'nothing left for the job');

    // A new version with another abstract: embedded again, and its neighbours follow.
    fs.writeFileSync(file, JSON.stringify({ id: '2611.30001', version: 2, title: 'Binary black hole mergers and gravitational waves', abstract: 'Gravitational wave signals from merging black holes in general relativity.', categories: ['gr-qc'], publishedAt: '2026-11-26T00:00:00Z', updatedAt: '2026-11-27T00:00:00Z' }));
    await app.services.importer.importFile(file);
    let revised: { items: Array<{ paper: { id: string; primaryCategory: string } }> } = similar;
    for (let tries = 0; revised.items.some((s) => s.paper.id === '0704.0001') && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      revised = (await api('/api/papers/2611.30001/similar?limit=3')) as typeof revised;
    }
    assert.ok(!revised.items.some((s) => s.paper.id === '0704.0001'), 'no longer near the diphoton paper');
    assert.ok(revised.items.some((s) => s.paper.primaryCategory === 'gr-qc'), 'near papers on gravity');
  });

  it('refits from the command line with `paperboard reindex`', async () => {
    const result = await runCli(['reindex'], app.processEnv);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /semantic index: 244 papers/);
  });
});

for (const engine of ENGINES) describe(`suggestions as you type (${engine})`, () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ services }) => void (await services.importer.importFile(fixtureCorpus)), {}, engine);
  });
  after(() => app.close());

  it('offers titles with every word, the last one as a prefix', async () => {
    const titles = (await (await app.get('/api/suggest?q=prompt%20diphot')).json()) as Array<{ id: string; title: string }>;
    assert.deepEqual(titles.map((t) => t.id), ['0704.0001']);
    assert.deepEqual(await (await app.get('/api/suggest?q=di')).json(), [], 'two letters are too few');
    const many = (await (await app.get('/api/suggest?q=discrete')).json()) as unknown[];
    assert.ok(many.length >= 3 && many.length <= 8);
  });
});

for (const engine of ENGINES) describe(`the corpus model as the corpus grows (${engine})`, () => {
  it('is refitted once the corpus has grown by a quarter since the fit', async () => {
    const app = await startApp(undefined, {}, engine);
    try {
      const lines = fs.readFileSync(fixtureCorpus, 'utf8').trim().split('\n');
      const first = path.join(app.dir, 'first.jsonl');
      const rest = path.join(app.dir, 'rest.jsonl');
      fs.writeFileSync(first, lines.slice(0, 160).join('\n'));
      fs.writeFileSync(rest, lines.slice(160).join('\n'));
      await app.services.importer.importFile(first);
      await app.services.search.refitSemantic();
      const { loadModel } = await import('../../src/search/vectors.repository.ts');
      assert.equal((await loadModel(app.db, 'lsa'))?.corpusPapers, 160);
      await app.services.importer.importFile(rest);
      assert.equal(await app.services.search.embedNew(), lines.length);
      assert.equal((await loadModel(app.db, 'lsa'))?.corpusPapers, lines.length, 'refitted on the grown corpus');
      assert.equal((await app.services.search.semanticStatus()).vectors, lines.length);
    } finally {
      await app.close();
    }
  });
});

for (const engine of ENGINES) describe(`search by meaning in several processes on one database (${engine})`, () => {
  it('adds vectors another process stored, and loads a model another process fitted', async () => {
    const first = await tempDatabase({}, engine);
    await first.services.importer.importFile(fixtureCorpus);
    await first.services.search.refitSemantic();
    // A second instance (another server, or the server beside a command) on the same database and data folder.
    const otherDb = await openDatabase(first.config.database);
    const other = createServices(otherDb, first.config);
    try {
      assert.equal((await other.search.similar((await other.papers.get('0704.0001')).paper)).length, 10, 'the saved index is loaded');

      const write = (name: string, papers: object[]) => {
        const file = path.join(first.dir, name);
        fs.writeFileSync(file, papers.map((p) => JSON.stringify(p)).join('\n'));
        return file;
      };
      await first.services.importer.importFile(write('one.jsonl', [
        { id: '2611.30002', title: 'Prompt diphoton cross sections at the LHC', abstract: 'Photon pairs produced in proton collisions at hadron colliders.', categories: ['hep-ph'], publishedAt: '2026-11-26T00:00:00Z' },
      ]));
      assert.equal(await first.services.search.embedNew(), 1);
      assert.equal(await other.search.embedNew(), 0, 'the other instance adds the stored vector, it does not embed again');
      assert.ok((await other.search.similar((await other.papers.get('2611.30002')).paper, 3)).some((s) => s.paper.id === '0704.0001'));

      // 48 more papers: the refit has more dimensions (one per eight papers), so old and new vectors cannot mix.
      await first.services.importer.importFile(write('more.jsonl', Array.from({ length: 48 }, (_, i) => ({
        id: `2611.${31000 + i}`, title: `Gravitational wave template ${i}`, abstract: 'Black hole binaries radiate gravitational waves detected by interferometers.',
        categories: ['gr-qc'], publishedAt: '2026-11-26T00:00:00Z',
      }))));
      await first.services.search.refitSemantic();
      assert.equal(await other.search.embedNew(), 0, 'the new model and index are loaded, not mixed with the old');
      const found = await other.search.search('gravitational waves from black hole binaries', { mode: 'semantic', limit: 5 });
      assert.equal(found.mode, 'semantic');
      assert.ok(found.items.some((item) => item.paper.id.startsWith('2611.310')), 'answers from the new vectors');
    } finally {
      await otherDb.close();
      await first.cleanup();
    }
  });
});
