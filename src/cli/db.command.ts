// `db copy --to postgres://…`: moves a SQLite install (the configured PAPERBOARD_DB) into an empty PostgreSQL database.
import { loadConfig } from '../config.ts';
import { copyDatabase } from '../db/copy.ts';
import { openDatabase } from '../db/database.ts';
import { createPapersService } from '../papers/papers.service.ts';
import { createKeywordIndexer } from '../search/keyword-indexer.service.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

export async function dbCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { to: { type: 'string' } }, { positionals: [1, 1] });
  if (positionals[0] !== 'copy') throw new UsageError(`unknown db command "${positionals[0]}" (try "db copy --to postgres://…")`);
  const to = values.to;
  if (!to || !/^postgres(ql)?:\/\//.test(to)) throw new UsageError('db copy needs --to postgres://user:password@host/database');
  const config = loadConfig();
  if (config.database.engine !== 'sqlite') throw new UsageError('db copy reads a SQLite file: set PAPERBOARD_DB to its path');
  const source = await openDatabase(config.database);
  const target = await openDatabase({ engine: 'postgres', url: to });
  try {
    if (source.engine !== 'sqlite' || target.engine !== 'postgres') throw new Error('unreachable: engines checked above');
    const started = Date.now();
    const report = await copyDatabase(source, target, {
      sourceName: config.database.file,
      progress: (t) => console.log(`${t.table}: ${t.copied.toLocaleString('en')} copied, ${t.target.toLocaleString('en')} of ${t.source.toLocaleString('en')} rows${t.source === t.target ? '' : '  MISMATCH'}`),
      // The keyword index is the target's own: built from the copied papers, as `paperboard reindex` would.
      async finish() {
        console.log('building the keyword index…');
        await createKeywordIndexer(target, createPapersService(target)).rebuild();
      },
    });
    const wrong = report.filter((t) => t.source !== t.target);
    const rows = report.reduce((sum, t) => sum + t.target, 0);
    if (wrong.length > 0) {
      console.log(`not verified: ${wrong.map((t) => t.table).join(', ')} differ; run the same command again to resume`);
      return 1;
    }
    console.log(`copied and verified ${report.length} tables, ${rows.toLocaleString('en')} rows, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await target.close();
    await source.close();
  }
}
