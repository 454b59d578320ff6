// All SQL on harvest checkpoints. Saving is synchronous, so it can share a transaction with a page's papers.
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { HarvestCheckpointsTable } from '../db/schema.ts';

export type Checkpoint = Selectable<HarvestCheckpointsTable>;

export async function findCheckpoint(db: Db, source: string, setSpec: string): Promise<Checkpoint | undefined> {
  return db.kysely
    .selectFrom('harvest_checkpoints')
    .selectAll()
    .where('source', '=', source)
    .where('set_spec', '=', setSpec)
    .executeTakeFirst();
}

export function saveCheckpoint(db: Db, checkpoint: Checkpoint): void {
  db.sqlite
    .prepare(
      `INSERT INTO harvest_checkpoints (source, set_spec, window_from, window_until, resumption_token, last_datestamp, completed_until, updated_at)
       VALUES (@source, @set_spec, @window_from, @window_until, @resumption_token, @last_datestamp, @completed_until, @updated_at)
       ON CONFLICT (source, set_spec) DO UPDATE SET
         window_from = excluded.window_from, window_until = excluded.window_until,
         resumption_token = excluded.resumption_token, last_datestamp = excluded.last_datestamp,
         completed_until = excluded.completed_until, updated_at = excluded.updated_at`,
    )
    .run(checkpoint);
}
