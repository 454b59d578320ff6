// All SQL on the semantic model and the papers' vectors (the same tables on both engines: no pgvector needed).
import type { Db } from '../db/database.ts';
import type { LsaModel } from './lsa.ts';

const toBlob = (array: Float32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
const toFloats = (blob: Buffer) => new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));

/** Rows per multi-row insert: well under either engine's limit on bound values. */
const ROWS_PER_INSERT = 1_000;

export async function saveModel(db: Db, name: string, model: LsaModel, fit: { now: string; corpusPapers: number }): Promise<void> {
  const row = {
    dimensions: model.dimensions,
    vocabulary: JSON.stringify(model.vocabulary),
    idf: toBlob(model.idf),
    projection: toBlob(model.projection),
    documents: model.documents,
    fitted_at: fit.now,
    corpus_papers: fit.corpusPapers,
  };
  await db.kysely
    .insertInto('semantic_models')
    .values({ name, ...row })
    .onConflict((oc) => oc.column('name').doUpdateSet(row))
    .execute();
}

export async function loadModel(db: Db, name: string): Promise<(LsaModel & { fittedAt: string; corpusPapers: number }) | null> {
  const row = await db.kysely.selectFrom('semantic_models').selectAll().where('name', '=', name).executeTakeFirst();
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
export async function modelFittedAt(db: Db, name: string): Promise<string | null> {
  const row = await db.kysely.selectFrom('semantic_models').select('fitted_at').where('name', '=', name).executeTakeFirst();
  return row?.fitted_at ?? null;
}

/** Forgets every vector (a new model makes them meaningless). */
export async function clearVectors(db: Db): Promise<void> {
  await db.kysely.deleteFrom('paper_vectors').execute();
}

export async function saveVectors(db: Db, model: string, vectors: ReadonlyArray<{ pk: number; vector: Float32Array }>): Promise<void> {
  await db.transaction(async () => {
    for (let start = 0; start < vectors.length; start += ROWS_PER_INSERT) {
      const rows = vectors.slice(start, start + ROWS_PER_INSERT).map((v) => ({ paper_pk: v.pk, model, vector: toBlob(v.vector) }));
      await db.kysely
        .insertInto('paper_vectors')
        .values(rows)
        .onConflict((oc) => oc.column('paper_pk').doUpdateSet((eb) => ({ model: eb.ref('excluded.model'), vector: eb.ref('excluded.vector') })))
        .execute();
    }
  });
}

/** Every stored vector in key order, a page at a time: what the in-process index is built from. */
export async function vectorsAfter(db: Db, afterPk: number, limit: number): Promise<Array<{ pk: number; vector: Float32Array }>> {
  const rows = await db.kysely
    .selectFrom('paper_vectors')
    .select(['paper_pk', 'vector'])
    .where('paper_pk', '>', afterPk)
    .orderBy('paper_pk')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ pk: r.paper_pk, vector: toFloats(r.vector) }));
}

/** The stored vectors of papers (by key), in one query; papers without one are left out. */
export async function vectorsOf(db: Db, pks: readonly number[]): Promise<Map<number, Float32Array>> {
  if (pks.length === 0) return new Map();
  const rows = await db.kysely.selectFrom('paper_vectors').select(['paper_pk', 'vector']).where('paper_pk', 'in', [...pks]).execute();
  return new Map(rows.map((r) => [r.paper_pk, toFloats(r.vector)]));
}

export async function vectorCount(db: Db, model: string): Promise<number> {
  const row = await db.kysely.selectFrom('paper_vectors').select((eb) => eb.fn.countAll<number>().as('n')).where('model', '=', model).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function maxEmbeddedPk(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('paper_vectors').select((eb) => eb.fn.max('paper_pk').as('pk')).executeTakeFirst();
  return Number(row?.pk ?? 0);
}
