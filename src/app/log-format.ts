// How the server's log reads: one JSON object a line for machines (LOG_FORMAT=json, the default when the output is not
// a terminal), or one short readable line an event for a person at a terminal ("18:40:02 INFO  catch-up done: 15 new
// papers"). The readable form is a stream under pino's JSON lines, so both come from the same log calls.
import { Writable } from 'node:stream';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line has: the rest are shown as key=value after the message. */
const PLAIN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'err']);

/** One pino JSON line as a person reads it; a line that is not JSON is passed through as it is. */
export function prettyLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '--:--:--';
  const level = LEVELS[Number(entry.level)] ?? 'INFO ';
  const extra = Object.entries(entry)
    .filter(([key, value]) => !PLAIN.has(key) && value !== undefined && typeof value !== 'object')
    .map(([key, value]) => `${key}=${String(value)}`);
  const error = entry.err && typeof entry.err === 'object' ? (entry.err as { message?: string }).message : undefined;
  return [time, level, String(entry.msg ?? ''), ...extra, ...(error ? [`(${error})`] : [])].filter(Boolean).join(' ');
}

/** A stream pino writes JSON lines to, writing each as a readable line to `out`. */
export function prettyStream(out: NodeJS.WritableStream = process.stdout): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line) out.write(`${prettyLine(line)}\n`);
      done();
    },
  });
}

/** `pretty` on a terminal, `json` otherwise, unless LOG_FORMAT says which. */
export function logFormat(configured: 'pretty' | 'json' | undefined, isTerminal = Boolean(process.stdout.isTTY)): 'pretty' | 'json' {
  return configured ?? (isTerminal ? 'pretty' : 'json');
}
