// Reads a file of JSON records, one a line, into parsed papers or per-line rejections. Streams: any size.
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type { PaperInput } from '../papers/paper.ts';
import { checkPaper } from '../papers/paper-limits.ts';
import { detectFormat, importFormatNames, importFormats, type ImportFormat } from './formats.ts';

export type RecordOutcome =
  | { line: number; paper: PaperInput; notes: string[] }
  | { line: number; rejected: string };

export class UnknownFormatError extends Error {}

function openLines(file: string): readline.Interface {
  let input: NodeJS.ReadableStream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  if (file.endsWith('.gz')) input = input.pipe(zlib.createGunzip());
  return readline.createInterface({ input, crlfDelay: Infinity });
}

const isTruncatedGzip = (error: unknown) =>
  (error as NodeJS.ErrnoException | null)?.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(String((error as Error | null)?.message));

function parseJsonLine(text: string): { value: unknown } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'not a JSON object' };
    return { value };
  } catch (error) {
    return { error: `not valid JSON (${(error as Error).message})` };
  }
}

/** Yields every non-blank line's outcome; the format comes from the first JSON object when it is "auto". */
export async function* readRecords(file: string, requested: ImportFormat | 'auto'): AsyncGenerator<RecordOutcome> {
  let format: ImportFormat | null = requested === 'auto' ? null : requested;
  let line = 0;
  const lines = openLines(file)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = await lines.next();
    } catch (error) {
      // A .gz cut short (a download that stopped): every complete record before is kept, and the end is reported.
      if (!isTruncatedGzip(error)) throw error;
      yield { line: line + 1, rejected: 'the compressed file ends here, cut short: the records before this line were read' };
      return;
    }
    if (next.done) return;
    const raw = next.value;
    line += 1;
    const text = raw.trim();
    if (text === '') continue;
    const json = parseJsonLine(text);
    if ('error' in json) {
      yield { line, rejected: json.error };
      continue;
    }
    format ??= detectFormat(json.value);
    if (!format) {
      throw new UnknownFormatError(
        `${file}: cannot tell the format from the record on line ${line}; pass --format ${importFormatNames.join('|')}`,
      );
    }
    const record = importFormats[format](json.value);
    if (!record.ok) {
      yield { line, rejected: record.reason };
      continue;
    }
    const checked = checkPaper(record.paper); // the field limits (papers/paper-limits.ts), with this line's number
    yield checked.ok ? { line, paper: checked.paper, notes: [...(record.notes ?? []), ...checked.notes] } : { line, rejected: checked.reason };
  }
}
