// The few SQL spellings that differ between SQLite and PostgreSQL, each in one place. Repositories use these instead
// of writing either engine's spelling themselves.
import { sql, type Expression, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Db } from './database.ts';

/** The largest of several values in one row: SQLite's scalar max(), PostgreSQL's greatest(). */
export function greatest<T>(db: Db, ...values: Array<Expression<T>>): RawBuilder<T> {
  const list = sql.join(values);
  return db.engine === 'postgres' ? sql<T>`greatest(${list})` : sql<T>`max(${list})`;
}

/**
 * Rows a claim selects are locked, and rows another claimer holds are skipped (PostgreSQL): two instances claiming at
 * once take different rows instead of waiting for and then re-deciding the same ones. SQLite has one writer at a
 * time, so its claims need no lock.
 */
export function lockSkippingLocked<DB, TB extends keyof DB, O>(db: Db, query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return db.engine === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/** The values of a group joined into one text: SQLite's group_concat(), PostgreSQL's string_agg(). */
export function joinedText(db: Db, value: Expression<string>, separator: string): RawBuilder<string | null> {
  return db.engine === 'postgres' ? sql<string | null>`string_agg(${value}, ${separator})` : sql<string | null>`group_concat(${value}, ${separator})`;
}

/** Whole days from one `YYYY-MM-DD…` text to a later one: SQLite's julianday difference, PostgreSQL's date subtraction. */
export function daysBetween(db: Db, earlier: Expression<string | null>, later: Expression<string | null>): RawBuilder<number> {
  return db.engine === 'postgres'
    ? sql<number>`(left(${later}, 10)::date - left(${earlier}, 10)::date)`
    : sql<number>`(julianday(${later}) - julianday(${earlier}))`;
}

/**
 * `column` holds one of these keys. One parameter whatever their number (SQLite: a JSON array read by json_each;
 * PostgreSQL: an integer array), so a list of 500 keys is one statement, prepared once, not one per list length.
 */
export function keyIn(db: Db, column: string, keys: readonly number[]): RawBuilder<boolean> {
  return db.engine === 'postgres'
    ? sql<boolean>`${sql.ref(column)} = ANY(${[...keys]}::integer[])`
    : sql<boolean>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`;
}
