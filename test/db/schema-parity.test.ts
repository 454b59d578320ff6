// One schema truth (issue 22): SQLite's migrations and PostgreSQL's build the same tables, columns (types mapped to
// SQLite's affinities, nullability, primary keys), indexes (columns, unique, partial) and foreign keys, read back from
// each engine's own catalogue. What each engine keeps for itself is listed below with its reason; anything else one
// engine has and the other lacks fails here, as the second test shows with a migration landed on SQLite only.
import assert from 'node:assert/strict';
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { migrations } from '../../src/db/migrations/index.ts';
import { schemaDifferences, schemaOf } from '../helpers/schema-of.ts';
import { tempDatabase, type TempDatabase } from '../helpers/temp-db.ts';

const bookkeeping = (table: string) => table.startsWith('kysely_migration');

/** What one engine has and the other must not be asked for, each with why. */
const ENGINE_OWN = new Map<string, string>([
  // The keyword index is each engine's own (docs/architecture.md): FTS5's table and its shadow tables on SQLite ...
  ['table keyword_fts only on sqlite', 'FTS5'],
  ['table keyword_fts_config only on sqlite', 'FTS5 shadow table'],
  ['table keyword_fts_data only on sqlite', 'FTS5 shadow table'],
  ['table keyword_fts_docsize only on sqlite', 'FTS5 shadow table'],
  ['table keyword_fts_idx only on sqlite', 'FTS5 shadow table'],
  ['table keyword_index_removed only on sqlite', "what deletions took from FTS5's running totals"],
  // ... a tsvector table with its GIN index on PostgreSQL.
  ['table paper_search only on postgres', 'the tsvector keyword index'],
  ['index paper_search(document) (paper_search_document) only on postgres', 'its GIN index'],
  ['foreign key paper_search(paper_pk) → papers(pk) only on postgres', 'its rows go with their paper'],
  // SQLite keeps the session secret in a file beside the database; PostgreSQL's instances share it here, with the
  // mark of an unfinished `db copy`.
  ['table settings only on postgres', 'shared session secret, db copy mark'],
]);

describe('both engines build one schema', () => {
  let sqlite: TempDatabase;
  let postgres: TempDatabase;
  before(async () => {
    [sqlite, postgres] = await Promise.all([tempDatabase({}, 'sqlite'), tempDatabase({}, 'postgres')]);
  });
  after(async () => {
    await Promise.all([sqlite.cleanup(), postgres.cleanup()]);
  });

  const differences = async () =>
    schemaDifferences(await schemaOf(sqlite.db, bookkeeping), await schemaOf(postgres.db, bookkeeping), ['sqlite', 'postgres']);

  it('has the same tables, columns, keys and indexes on SQLite and PostgreSQL, but what each engine keeps for itself', async () => {
    const found = await differences();
    assert.deepEqual(found.filter((line) => !ENGINE_OWN.has(line)), [], 'a migration landed on one engine only, or differently');
    assert.deepEqual(found.filter((line) => ENGINE_OWN.has(line)).sort(), [...ENGINE_OWN.keys()].sort(), "each engine's own tables are still its own");
  });

  it('fails on a migration landed on one engine only', async () => {
    const oneSided: Record<string, Migration> = {
      ...migrations,
      '2099-01-01T00-one-sided': {
        up: async (db: Kysely<unknown>) => {
          await sql`ALTER TABLE papers ADD COLUMN reading_time INTEGER`.execute(db);
          await sql`CREATE INDEX papers_reading_time ON papers (reading_time)`.execute(db);
        },
      },
    };
    const migrator = new Migrator({ db: sqlite.db.kysely as unknown as Kysely<unknown>, provider: { getMigrations: async () => oneSided } });
    const { error } = await migrator.migrateToLatest();
    assert.equal(error, undefined);
    const found = (await differences()).filter((line) => !ENGINE_OWN.has(line));
    assert.deepEqual(found, ['column papers.reading_time only on sqlite', 'index papers(reading_time) (papers_reading_time) only on sqlite']);
  });
});
