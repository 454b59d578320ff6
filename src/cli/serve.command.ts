// `paperboard serve`: opens the database, loads the demo set into an empty one, and serves the site.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { scheduledJobs } from '../jobs/jobs.service.ts';
import { checkSchedule } from '../jobs/schedule.ts';
import { createScheduler } from '../jobs/scheduler.service.ts';
import { createServices } from '../app/services.ts';
import { buildApp } from '../app/app.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { port: { type: 'string' }, 'no-jobs': { type: 'boolean', default: false } },
    { positionals: [0, 0] },
  );
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    throw new UsageError('--port must be a whole number from 0 to 65535');
  }
  const config = loadConfig();
  const db = await openDatabase(config.database);
  const services = createServices(db, config);
  try {
    await services.search.checkEmbedder();
  } catch (error) {
    console.error(`paperboard serve: ${(error as Error).message}`);
    await db.close();
    return 1;
  }
  const app = await buildApp(config, services);

  if (config.demoData === 'auto') {
    const loaded = await services.demo.loadIntoEmpty();
    if (loaded) {
      app.log.info(`empty database: loaded ${loaded.imported} demo papers (remove them with "paperboard demo remove")`);
      // A fresh install searches by meaning at once: fitting on the demo set takes under a second.
      const fitted = await services.search.refitSemantic();
      app.log.info(`search by meaning ready: ${fitted.vectors} papers embedded (${fitted.model})`);
    }
  }

  // Jobs run in every instance that serves them; the database decides which instance runs each occurrence.
  const scheduler = values['no-jobs']
    ? null
    : createScheduler({
        db,
        jobs: scheduledJobs(config, services),
        onError: (job, error) => app.log.error({ err: error }, `scheduled job ${job} failed`),
      });
  if (scheduler) {
    checkSchedule(config.ingest.schedule, config.ingest.timezone);
    scheduler.start();
    app.log.info(`daily ingest of ${config.ingest.categories.join(' ')} scheduled at "${config.ingest.schedule}" (${config.ingest.timezone})`);
  }

  await services.search.warm();
  const address = await app.listen({ host: config.http.host, port: port ?? config.http.port });
  app.log.info(`Paperboard is serving ${address} (database ${config.database.engine === 'sqlite' ? config.database.file : 'postgres'})`);
  console.log(`Paperboard: ${address}`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  scheduler?.stop();
  await app.close();
  await services.close();
  await db.close();
  return 0;
}
