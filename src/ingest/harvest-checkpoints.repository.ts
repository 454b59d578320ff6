// All SQL on harvest checkpoints. Saved inside the transaction that stores a page's papers.
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

export async function saveCheckpoint(db: Db, checkpoint: Checkpoint): Promise<void> {
  const { source: _source, set_spec: _setSpec, ...rest } = checkpoint;
  await db.kysely
    .insertInto('harvest_checkpoints')
    .values(checkpoint)
    .onConflict((oc) => oc.columns(['source', 'set_spec']).doUpdateSet(rest))
    .execute();
}
