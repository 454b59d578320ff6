// All SQL on the semantic model and the papers' vectors.
import type { Db } from '../db/database.ts';
import type { LsaModel } from './lsa.ts';

const toBlob = (array: Float32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
const toFloats = (blob: Buffer) => new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));

export function saveModel(db: Db, name: string, model: LsaModel, fit: { now: string; corpusPapers: number }): void {
  db.sqlite
    .prepare(
      `INSERT INTO semantic_models (name, dimensions, vocabulary, idf, projection, documents, fitted_at, corpus_papers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET dimensions = excluded.dimensions, vocabulary = excluded.vocabulary, idf = excluded.idf,
         projection = excluded.projection, documents = excluded.documents, fitted_at = excluded.fitted_at, corpus_papers = excluded.corpus_papers`,
    )
    .run(name, model.dimensions, JSON.stringify(model.vocabulary), toBlob(model.idf), toBlob(model.projection), model.documents, fit.now, fit.corpusPapers);
}

export function loadModel(db: Db, name: string): (LsaModel & { fittedAt: string; corpusPapers: number }) | null {
  const row = db.sqlite.prepare('SELECT * FROM semantic_models WHERE name = ?').get(name) as
    | { dimensions: number; vocabulary: string; idf: Buffer; projection: Buffer; documents: number; fitted_at: string; corpus_papers: number }
    | undefined;
  if (!row) return null;
  return {
    dimensions: row.dimensions,
    vocabulary: JSON.parse(row.vocabulary) as string[],
    idf: toFloats(row.idf),
    projection: toFloats(row.projection),
    documents: row.documents,
    fittedAt: row.fitted_at,
    corpusPapers: row.corpus_papers,
  };
}

/** When the stored model was fitted (null: none is), to notice a refit by another process. */
export function modelFittedAt(db: Db, name: string): string | null {
  return (db.sqlite.prepare('SELECT fitted_at FROM semantic_models WHERE name = ?').pluck().get(name) as string | undefined) ?? null;
}

/** Forgets every vector (a new model makes them meaningless). */
export function clearVectors(db: Db): void {
  db.sqlite.prepare('DELETE FROM paper_vectors').run();
}

export function saveVectors(db: Db, model: string, vectors: ReadonlyArray<{ pk: number; vector: Float32Array }>): void {
  const statement = db.sqlite.prepare('INSERT OR REPLACE INTO paper_vectors (paper_pk, model, vector) VALUES (?, ?, ?)');
  db.sqlite.transaction(() => {
    for (const v of vectors) statement.run(v.pk, model, toBlob(v.vector));
  })();
}

/** Every stored vector in key order, a page at a time: what the in-process index is built from. */
export function vectorsAfter(db: Db, afterPk: number, limit: number): Array<{ pk: number; vector: Float32Array }> {
  const rows = db.sqlite.prepare('SELECT paper_pk AS pk, vector FROM paper_vectors WHERE paper_pk > ? ORDER BY paper_pk LIMIT ?').all(afterPk, limit) as Array<{ pk: number; vector: Buffer }>;
  return rows.map((r) => ({ pk: r.pk, vector: toFloats(r.vector) }));
}

/** The stored vectors of papers (by key), in one query; papers without one are left out. */
export function vectorsOf(db: Db, pks: readonly number[]): Map<number, Float32Array> {
  if (pks.length === 0) return new Map();
  const rows = db.sqlite
    .prepare('SELECT paper_pk AS pk, vector FROM paper_vectors WHERE paper_pk IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(pks)) as Array<{ pk: number; vector: Buffer }>;
  return new Map(rows.map((r) => [r.pk, toFloats(r.vector)]));
}

export function vectorCount(db: Db, model: string): number {
  return db.sqlite.prepare('SELECT count(*) FROM paper_vectors WHERE model = ?').pluck().get(model) as number;
}

export function maxEmbeddedPk(db: Db): number {
  return (db.sqlite.prepare('SELECT max(paper_pk) FROM paper_vectors').pluck().get() as number | null) ?? 0;
}
