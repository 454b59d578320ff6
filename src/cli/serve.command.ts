// `paperboard serve`: opens the database, loads the demo set into an empty one, and serves the site.
import net from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { scheduledJobs } from '../app/scheduled-jobs.ts';
import { checkSchedule } from '../jobs/schedule.ts';
import { createScheduler } from '../jobs/scheduler.service.ts';
import { createServices, type Services } from '../app/services.ts';
import { buildApp } from '../app/app.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

/** A port free on `host` now: what `--port 0` serves on, known before the services that write links are made. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** How long a fresh install waits for its first real paper before it shows the demo (DESIGN: the first morning). */
export const FIRST_PAPERS_WAIT_MS = 20_000;

/**
 * Real papers at once: with CATCH_UP=auto, Hugging Face's last week, today's arXiv listings and GitHub (on an empty
 * database), or the days a stopped server missed. An empty database that got no paper within 20 s (offline, nothing
 * answering) gets the demo set; one that got papers does not. Either way, search by meaning is fitted on what came.
 */
async function firstStart(config: Readonly<Config>, services: Services, log: FastifyBaseLogger): Promise<void> {
  const empty = (await services.papers.count()) === 0;
  const catchingUp = config.catchUp === 'auto' ? services.catchUp.run({ arxiv: empty, arxivMissed: !empty }) : null;
  if (catchingUp && empty) log.info('empty database: catching up with Hugging Face (last 7 days), arXiv (today) and GitHub');
  // A fresh install searches by meaning at once: fitting on a few hundred papers takes under a second.
  const fitSemantic = async () => {
    const fitted = await services.search.refitSemantic();
    log.info(`search by meaning ready: ${fitted.vectors} papers embedded (${fitted.model})`);
  };
  if (empty && config.demoData === 'auto') {
    const brought = catchingUp ? await services.catchUp.bringsPapers(FIRST_PAPERS_WAIT_MS) : false;
    const loaded = brought ? null : await services.demo.loadIntoEmpty();
    if (loaded) {
      log.info(`${catchingUp ? 'no source answered: ' : ''}loaded ${loaded.imported} demo papers (an admin removes them with "paperboard demo remove")`);
      await fitSemantic();
    }
  }
  const caught = await catchingUp;
  if (caught) log.info(`catch-up done: ${caught.papers} new papers${caught.problems.length ? `, ${caught.problems.length} problems (see /admin)` : ''}`);
  if (empty && (caught?.papers ?? 0) > 0) await fitSemantic();
}

/** A host as it goes in a URL: the wildcard addresses are this machine to whoever follows a link on it. */
const urlHost = (host: string) => (host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host);

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
  const loaded = loadConfig();
  const listenPort = port === 0 ? await freePort(loaded.http.host) : (port ?? loaded.http.port);
  // Without PUBLIC_URL, the links in mail and feeds name the port actually served (`--port`), not PORT's default.
  const config = loaded.http.publicUrlGiven ? loaded : Object.freeze({ ...loaded, http: { ...loaded.http, port: listenPort, publicUrl: `http://${urlHost(loaded.http.host)}:${listenPort}` } });
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
    scheduler.start(config.ingest.tickMs);
    app.log.info(`daily ingest of ${config.ingest.categories.join(' ')} scheduled at "${config.ingest.schedule}" (${config.ingest.timezone})`);
  }

  await services.search.warm();
  const address = await app.listen({ host: config.http.host, port: listenPort });
  // Serving already: the front page says "catching up" while the first papers arrive.
  const firstMorning = firstStart(config, services, app.log).catch((error: unknown) => app.log.error({ err: error }, 'first-start catch-up failed'));
  if (!config.http.publicUrlGiven) app.log.warn(`PUBLIC_URL is not set: links in mail and feeds name ${config.http.publicUrl}`);
  app.log.info(`Paperboard is serving ${address} (database ${config.database.engine === 'sqlite' ? config.database.file : 'postgres'})`);
  console.log(`Paperboard: ${address}`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  scheduler?.stop();
  // A catch-up still running is left to end with the process (what it stored is committed); a short grace lets a
  // nearly finished one log its line.
  await Promise.race([firstMorning, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  await app.close();
  await services.close();
  await db.close();
  return 0;
}
