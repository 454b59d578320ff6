// `paperboard import FILE... [--format …]`: prints each rejected record by line, then the totals.
import { importFormatNames } from '../ingest/formats.ts';
import type { FileFormat, ImportCounts } from '../ingest/import.service.ts';
import { withContext } from './context.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

const formats = ['auto', ...importFormatNames, 'hf-daily'];

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

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { format: { type: 'string', default: 'auto' } }, { positionals: [1, Infinity] });
  if (!formats.includes(values.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  return withContext(async ({ services }) => {
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
