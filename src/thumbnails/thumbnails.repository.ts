// All SQL on thumbnails: a paper's rendered first page, or the record of the attempts that failed.
import type { Db } from '../db/database.ts';

export interface StoredThumbnail {
  contentType: string | null;
  image: Buffer | null;
  createdAt: string;
  failures: number;
  retryAt: string | null;
}

export async function findThumbnail(db: Db, paperPk: number): Promise<StoredThumbnail | null> {
  const row = await db.kysely
    .selectFrom('thumbnails')
    .select(['content_type', 'image', 'created_at', 'failures', 'retry_at'])
    .where('paper_pk', '=', paperPk)
    .executeTakeFirst();
  if (!row) return null;
  return { contentType: row.content_type, image: row.image ? Buffer.from(row.image) : null, createdAt: row.created_at, failures: row.failures, retryAt: row.retry_at };
}

export async function saveImage(db: Db, paperPk: number, image: Buffer, contentType: string, now: string): Promise<void> {
  const values = { content_type: contentType, image, created_at: now, failures: 0, retry_at: null, last_error: null };
  await db.kysely
    .insertInto('thumbnails')
    .values({ paper_pk: paperPk, ...values })
    .onConflict((oc) => oc.column('paper_pk').doUpdateSet(values))
    .execute();
}

/** A failed fetch or render: counted, with when to try again; an image already kept stays. */
export async function saveFailure(db: Db, paperPk: number, error: string, retryAt: string, now: string): Promise<void> {
  await db.kysely
    .insertInto('thumbnails')
    .values({ paper_pk: paperPk, content_type: null, image: null, created_at: now, failures: 1, retry_at: retryAt, last_error: error.slice(0, 500) })
    .onConflict((oc) => oc.column('paper_pk').doUpdateSet((eb) => ({ failures: eb('thumbnails.failures', '+', 1), retry_at: retryAt, last_error: error.slice(0, 500) })))
    .execute();
}

export async function countImages(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('thumbnails').select((eb) => eb.fn.countAll<number>().as('n')).where('image', 'is not', null).executeTakeFirst();
  return Number(row?.n ?? 0);
}
