// `paperboard ingest …`: fetch papers from the upstream services, and show what past runs did.
import { withContext } from './context.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

async function arxivApi(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, { positionals: [1, Infinity] });
  return withContext(async ({ services }) => {
    const result = await services.ingestRuns.record('arxiv-api', { ids: positionals }, () => services.arxivApi.lookup(positionals));
    for (const error of result.errors) console.log(`failed ${error.reference}: ${error.message}`);
    const { imported, updated, unchanged } = result.counts;
    console.log(`imported ${imported}, updated ${updated}, unchanged ${unchanged}, failed ${result.errors.length}`);
    return result.errors.length === 0 ? 0 : 1;
  });
}

async function arxivOai(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { from: { type: 'string' }, until: { type: 'string' }, set: { type: 'string' } },
    { positionals: [0, 0] },
  );
  return withContext(async ({ services }) => {
    const result = await services.ingestRuns.record('arxiv-oai', values, () => services.arxivOai.harvest(values));
    for (const problem of result.problems) console.log(`rejected ${problem.identifier}: ${problem.message}`);
    const { imported, updated, unchanged, rejected } = result.counts;
    console.log(
      `${result.resumed ? 'resumed' : 'harvested'} ${result.window.from} to ${result.window.until}, ${result.pages} pages: ` +
        `imported ${imported}, updated ${updated}, unchanged ${unchanged}, deleted ${result.deleted}, rejected ${rejected}`,
    );
    return rejected === 0 ? 0 : 1;
  });
}

async function arxivRss(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { category: { type: 'string', multiple: true } }, { positionals: [0, 0] });
  return withContext(async ({ config, services }) => {
    const categories = values.category ?? config.ingest.categories;
    const result = await services.ingestRuns.record('arxiv-rss', { categories }, () => services.arxivRss.ingestToday(categories));
    for (const error of result.errors) console.log(`failed ${error.reference}: ${error.message}`);
    const { imported, updated, unchanged } = result.counts;
    console.log(
      `${result.day}: ${result.announced} announced in ${categories.join(' ')}; ` +
        `imported ${imported}, updated ${updated}, unchanged ${unchanged}, failed ${result.errors.length}; listed ${result.listed}`,
    );
    return result.errors.length === 0 ? 0 : 1;
  });
}

async function hfDaily(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { date: { type: 'string' } }, { positionals: [0, 0] });
  return withContext(async ({ services }) => {
    const result = await services.ingestRuns.record('hf-daily', values, () => services.hfDaily.fetchDay(values.date));
    const { imported, updated, unchanged, rejected } = result.counts;
    console.log(`featured ${result.featured}: imported ${imported}, updated ${updated}, unchanged ${unchanged}, rejected ${rejected}`);
    return rejected === 0 ? 0 : 1;
  });
}

async function github(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { all: { type: 'boolean', default: false } }, { positionals: [0, 0] });
  return withContext(async ({ services }) => {
    // Recorded as an ingest run: refreshed as "updated", 304s as "unchanged", failures as "rejected".
    const result = await services.ingestRuns.record('github', values, async () => {
      const report = await services.code.refreshGithub({ all: values.all });
      return { ...report, counts: { imported: 0, updated: report.refreshed, unchanged: report.unchanged, rejected: report.failed } };
    });
    for (const problem of result.problems) console.log(`failed ${problem}`);
    console.log(
      `refreshed ${result.refreshed}, unchanged ${result.unchanged} (304), gone ${result.gone}, failed ${result.failed}; ` +
        `${result.requests} requests${result.stoppedAt ? `; stopped at the hour's rate budget, resumes after ${result.stoppedAt}` : ''}`,
    );
    return result.failed === 0 ? 0 : 1;
  });
}

async function hfHub(args: string[]): Promise<number> {
  parseCommandArgs(args, {}, { positionals: [0, 0] });
  return withContext(async ({ services }) => {
    const result = await services.ingestRuns.record('huggingface-hub', {}, () => services.hubRefresh.refresh());
    console.log(`likes and downloads of ${result.refreshed} models, datasets and Spaces; gone ${result.gone}, failed ${result.failed}`);
    return result.failed === 0 ? 0 : 1;
  });
}

async function status(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { limit: { type: 'string', default: '20' } }, { positionals: [0, 0] });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a whole number of 1 or more');
  return withContext(async ({ services }) => {
    const runs = await services.ingestRuns.latest(limit);
    if (runs.length === 0) console.log('no ingest runs yet');
    for (const run of runs) {
      const seconds = run.finished_at ? ((Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000).toFixed(1) : '…';
      const counts = `imported ${run.imported}, updated ${run.updated}, unchanged ${run.unchanged}, rejected ${run.rejected}`;
      console.log(`#${run.id} ${run.started_at} ${run.source} ${run.status} (${seconds} s) ${counts}${run.error ? ` — ${run.error}` : ''}`);
    }
    return 0;
  });
}

const sources: Record<string, (args: string[]) => Promise<number>> = {
  'arxiv-api': arxivApi,
  'arxiv-oai': arxivOai,
  'arxiv-rss': arxivRss,
  'hf-daily': hfDaily,
  github,
  'hf-hub': hfHub,
  status,
};

export async function ingestCommand(args: string[]): Promise<number> {
  const [source, ...rest] = args;
  const command = source ? sources[source] : undefined;
  if (!command) throw new UsageError(source ? `unknown ingest source "${source}"` : 'ingest needs a source');
  return command(rest);
}
