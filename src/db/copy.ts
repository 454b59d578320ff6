// `paperboard db copy --to postgres://…`: a SQLite install copied into a PostgreSQL database, table by table in key
// order, keys kept. Resumable: each table continues after the last key the target holds, and rows already there are
// skipped (ON CONFLICT DO NOTHING), so an interrupted copy run again neither duplicates nor misses a row. Verified by
// counting every table on both sides. The keyword index is not copied (SQLite's is FTS5's own format): the caller
// builds it on the target (`finish`) before the copy counts as done; the vector index of each instance is built from
// the copied vectors when it starts.
import { sql, type Kysely } from 'kysely';
import type { Db, PostgresDb, SqliteDb } from './database.ts';
import type { Database } from './schema.ts';

/** Every table with the columns of its primary key, parents before children (foreign keys hold at every step). */
export const COPIED_TABLES: ReadonlyArray<{ table: keyof Database; key: readonly string[]; identity?: string }> = [
  { table: 'users', key: ['id'], identity: 'id' },
  { table: 'papers', key: ['pk'], identity: 'pk' },
  { table: 'paper_versions', key: ['paper_pk', 'version'] },
  { table: 'daily_listings', key: ['day', 'paper_pk'] },
  { table: 'external_signals', key: ['paper_pk', 'source'] },
  { table: 'thumbnails', key: ['paper_pk'] },
  { table: 'sign_in_tokens', key: ['token_hash'] },
  { table: 'sessions', key: ['id_hash'] },
  { table: 'api_tokens', key: ['id'], identity: 'id' },
  { table: 'votes', key: ['paper_pk', 'user_id'] },
  { table: 'submissions', key: ['id'], identity: 'id' },
  { table: 'comments', key: ['id'], identity: 'id' }, // a reply's parent has a smaller id: parents come first
  { table: 'comment_flags', key: ['comment_id', 'user_id'] },
  { table: 'subscriptions', key: ['id'], identity: 'id' },
  { table: 'digest_outbox', key: ['id'], identity: 'id' },
  { table: 'digest_papers', key: ['subscription_id', 'paper_pk'] },
  { table: 'digest_runs', key: ['id'], identity: 'id' },
  { table: 'semantic_models', key: ['name'] },
  { table: 'paper_vectors', key: ['paper_pk'] },
  { table: 'not_interested', key: ['user_id', 'paper_pk'] },
  { table: 'mail_requests', key: ['id'], identity: 'id' },
  { table: 'job_runs', key: ['job', 'scheduled_for'] },
  { table: 'ingest_runs', key: ['id'], identity: 'id' },
  { table: 'harvest_checkpoints', key: ['source', 'set_spec'] },
  { table: 'repositories', key: ['id'], identity: 'id' },
  { table: 'code_links', key: ['paper_pk', 'repository_id'] },
  { table: 'repository_stars', key: ['repository_id', 'day'] },
];

/** Bound values per insert stay well under PostgreSQL's 65,535. */
const VALUES_PER_INSERT = 20_000;
const MARK = 'copied_from';

export interface TableCopy {
  table: string;
  source: number;
  target: number;
  copied: number;
}

type Row = Record<string, unknown>;

async function count(kysely: Kysely<Database>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(kysely);
  return Number(rows[0]?.n ?? 0);
}

/** Rows of a table after a key (a row value compared with the key's columns), in key order. */
async function rowsAfter(db: Db, table: string, key: readonly string[], after: Row | null, limit: number): Promise<Row[]> {
  const columns = sql.join(key.map((k) => sql.ref(k)));
  const where = after ? sql`WHERE (${columns}) > (${sql.join(key.map((k) => sql`${after[k]}`))})` : sql``;
  const { rows } = await sql<Row>`SELECT * FROM ${sql.table(table)} ${where} ORDER BY ${columns} LIMIT ${limit}`.execute(db.kysely);
  return rows;
}

/** The last row the target holds, by key: where an interrupted copy of this table resumes. */
async function lastKey(db: PostgresDb, table: string, key: readonly string[]): Promise<Row | null> {
  const columns = sql.join(key.map((k) => sql.ref(k)));
  const order = sql.join(key.map((k) => sql`${sql.ref(k)} DESC`));
  const { rows } = await sql<Row>`SELECT ${columns} FROM ${sql.table(table)} ORDER BY ${order} LIMIT 1`.execute(db.kysely);
  return rows[0] ?? null;
}

/** Copies a table's rows after a key, in key order, a multi-row insert at a time; how many were new to the target. */
async function copyRows(source: SqliteDb, target: PostgresDb, table: string, key: readonly string[], from: Row | null, perInsert: number): Promise<number> {
  let copied = 0;
  for (let after = from; ; ) {
    const batch = await rowsAfter(source, table, key, after, perInsert);
    if (batch.length === 0) return copied;
    const inserted = await sql<Row>`INSERT INTO ${sql.table(table)} (${sql.join(Object.keys(batch[0] as Row).map((c) => sql.ref(c)))})
      VALUES ${sql.join(batch.map((row) => sql`(${sql.join(Object.values(row).map((v) => sql`${v}`))})`))}
      ON CONFLICT DO NOTHING`.execute(target.kysely);
    copied += Number(inserted.numAffectedRows ?? 0n);
    after = batch.at(-1) as Row;
  }
}

/**
 * Copies every table. Refuses a target that holds data but was not being filled from this source (a copy never
 * mixes two installs). Reports each table as it finishes; the copy is verified when every table counts the same rows
 * on both sides.
 */
export async function copyDatabase(
  source: SqliteDb,
  target: PostgresDb,
  options: { sourceName: string; progress?: (copy: TableCopy) => void; finish?: () => Promise<void> },
): Promise<TableCopy[]> {
  const mark = await target.kysely.selectFrom('settings').select('value').where('name', '=', MARK).executeTakeFirst();
  if (!mark) {
    for (const { table } of COPIED_TABLES) {
      if ((await count(target.kysely, table)) > 0) throw new Error(`the target database is not empty (${table} has rows): copy into an empty database`);
    }
    await target.kysely.insertInto('settings').values({ name: MARK, value: options.sourceName }).execute();
  } else if (mark.value !== options.sourceName) {
    throw new Error(`the target database is being filled from ${mark.value}, not ${options.sourceName}`);
  }
  const report: TableCopy[] = [];
  for (const { table, key, identity } of COPIED_TABLES) {
    const sourceRows = await count(source.kysely, table);
    const sample = await rowsAfter(source, table, key, null, 1);
    const perInsert = Math.max(1, Math.floor(VALUES_PER_INSERT / Math.max(1, Object.keys(sample[0] ?? {}).length)));
    let copied = 0;
    // From the last key the target holds (an interrupted copy stopped there); if rows are still missing (a gap, not a
    // tail: rows removed by hand, say), once more from the start, skipping what is there.
    for (const start of ['last', 'first'] as const) {
      if ((await count(target.kysely, table)) === sourceRows) break;
      copied += await copyRows(source, target, table, key, start === 'last' ? await lastKey(target, table, key) : null, perInsert);
    }
    // Rows added after the copy take keys after the copied ones.
    if (identity) {
      await sql`SELECT setval(pg_get_serial_sequence(${table}, ${identity}), coalesce((SELECT max(${sql.ref(identity)}) FROM ${sql.table(table)}), 0) + 1, false)`.execute(target.kysely);
    }
    const done: TableCopy = { table, source: sourceRows, target: await count(target.kysely, table), copied };
    report.push(done);
    options.progress?.(done);
  }
  // A verified copy is finished once what is derived from the rows is built (an interruption there is resumed by
  // running the copy again, as the mark is still set): the mark goes, and the database is an install of its own.
  if (report.every((t) => t.source === t.target)) {
    await options.finish?.();
    await target.kysely.deleteFrom('settings').where('name', '=', MARK).execute();
  }
  return report;
}
