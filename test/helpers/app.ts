// A real app on a real database, listening on an ephemeral port of 127.0.0.1.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app/app.ts';
import { fixtureCorpus } from './paths.ts';
import type { Engine } from './postgres.ts';
import { tempDatabase, type TempDatabase } from './temp-db.ts';

export interface RunningApp extends TempDatabase {
  url: string;
  /** The app itself, for requests a real socket cannot make (another client address). */
  fastify: FastifyInstance;
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startApp(seed?: (database: TempDatabase) => Promise<void>, env: NodeJS.ProcessEnv = {}, engine: Engine = 'sqlite'): Promise<RunningApp> {
  const database = await tempDatabase(env, engine);
  if (seed) await seed(database);
  const app = await buildApp(database.config, database.services);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    ...database,
    url,
    fastify: app,
    get: (path, init) => fetch(url + path, { redirect: 'manual', ...init }),
    async close() {
      await app.close();
      await database.cleanup();
    },
  };
}

/** An app holding the test corpus (243 papers, test/fixtures/corpus), with the semantic model fitted when asked. */
export function startDemoApp(options: { fitted?: boolean } = {}, env: NodeJS.ProcessEnv = {}, engine: Engine = 'sqlite'): Promise<RunningApp> {
  return startApp(async ({ services }) => {
    await services.importer.importFile(fixtureCorpus);
    if (options.fitted) await services.search.refitSemantic();
  }, env, engine);
}
