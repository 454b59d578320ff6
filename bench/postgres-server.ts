// A throwaway PostgreSQL server for the benches (scripts/embedded-postgres.mjs, as the tests use), with one empty
// database `paperboard`; stopped and deleted by stop().
import pg from 'pg';
import { startThrowawayPostgres } from '../scripts/embedded-postgres.mjs';

export async function startBenchPostgres(flags: string[] = []): Promise<{ url: string; clusterUrl: string; stop(): Promise<void> }> {
  const cluster = await startThrowawayPostgres({ flags: ['-c', 'max_connections=200', ...flags] });
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE paperboard');
  await admin.end();
  return { url: cluster.url.replace(/\/postgres$/, '/paperboard'), clusterUrl: cluster.url, stop: () => cluster.stop() };
}
