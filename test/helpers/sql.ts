// Reads and writes tests make behind the services' backs, in SQL both engines run (Kysely's `sql` binds the values).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../src/db/database.ts';

export { sql };

export async function rows<T>(db: Db, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db.kysely)).rows;
}

/** The first column of the first row, as a number when it looks like one (PostgreSQL's counts are int8). */
export async function scalar(db: Db, query: RawBuilder<unknown>): Promise<unknown> {
  const [row] = (await query.execute(db.kysely)).rows as Array<Record<string, unknown>>;
  const value = row ? Object.values(row)[0] : undefined;
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
}
