// `paperboard import FILE... [--format …]`: prints each rejected record by line, then the totals.
import { importFormatNames } from '../ingest/formats.ts';
import type { FileFormat, ImportCounts } from '../ingest/import.service.ts';
import { withContext, type CommandContext } from './context.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

const formats = ['auto', ...importFormatNames, 'hf-daily', 'pwc-links'];

function progressPrinter(): ((counts: ImportCounts & { lines: number }) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = Date.now();
  let last = 0;
  return (counts) => {
    const now = Date.now();
    if (now - last < 500) return;
    last = now;
    const stored = counts.imported + counts.updated + counts.unchanged;
    const rate = Math.round(stored / Math.max((now - started) / 1000, 0.001));
    process.stderr.write(
      `\r${counts.lines.toLocaleString('en')} lines · ${counts.imported.toLocaleString('en')} imported · ` +
        `${counts.updated.toLocaleString('en')} updated · ${counts.rejected} rejected · ${rate.toLocaleString('en')}/s   `,
    );
  };
}

async function importPwc(services: CommandContext['services'], files: string[]): Promise<number> {
  const totals = { linked: 0, papers: 0, unmatched: 0, rejected: 0, skipped: 0 };
  for (const file of files) {
    const report = await services.code.importPwc(file, {
      onRejected: (position, reason) => console.log(`rejected ${file}:${position}: ${reason}`),
      onUnmatched: (position, reference) => console.log(`unmatched ${file}:${position}: no paper ${reference} is stored here`),
    });
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += report[key];
  }
  console.log(`linked ${totals.linked} repositories to ${totals.papers} papers, unmatched ${totals.unmatched}, rejected ${totals.rejected}`);
  if (totals.skipped > 0) console.log(`skipped ${totals.skipped} links to hosts Paperboard does not follow`);
  return totals.rejected === 0 ? 0 : 1;
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { format: { type: 'string', default: 'auto' } }, { positionals: [1, Infinity] });
  if (!formats.includes(values.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  return withContext(async ({ services }) => {
    // The Papers with Code archive links code to papers already stored: a report of its own.
    const pwc = [];
    for (const file of positionals) if (values.format === 'pwc-links' || (values.format === 'auto' && (await services.code.isPwcArchive(file)))) pwc.push(file);
    if (pwc.length > 0) {
      if (pwc.length !== positionals.length) throw new UsageError('import the Papers with Code archive on its own: it links code to papers already stored');
      return importPwc(services, pwc);
    }
    const onProgress = progressPrinter();
    const counts = await services.importer.importFiles(positionals, {
      format: values.format as FileFormat | 'auto',
      onRejected: (r) => console.log(`rejected ${r.file}:${r.line}: ${r.reason}`),
      onCleaned: (c) => console.log(`cleaned ${c.file}:${c.line}: ${c.reason}`),
      onProgress,
    });
    if (onProgress) process.stderr.write('\n');
    console.log(`imported ${counts.imported}, updated ${counts.updated}, rejected ${counts.rejected}`);
    if (counts.cleaned > 0) console.log(`cleaned ${counts.cleaned} records on the way in (control characters removed, long fields cut): listed above`);
    if (counts.imported + counts.updated === 0 && counts.unchanged > 0) {
      console.log(`nothing new: all ${counts.unchanged} valid records were already stored`);
    }
    return counts.rejected === 0 ? 0 : 1;
  });
}
