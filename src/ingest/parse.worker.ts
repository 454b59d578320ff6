// The parsing half of an import, on its own thread: reads and validates records and sends them in batches,
// so the main thread spends its core on SQLite. At most a few batches wait unsent (credit-based backpressure).
import { parentPort, workerData } from 'node:worker_threads';
import type { PaperInput } from '../papers/paper.ts';
import type { ImportFormat } from './formats.ts';
import { readRecords, UnknownFormatError } from './records.reader.ts';

export interface ParseJob {
  file: string;
  format: ImportFormat | 'auto';
  batchSize: number;
}

export type ParseMessage =
  | { type: 'batch'; papers: PaperInput[]; line: number }
  | { type: 'rejected'; line: number; reason: string }
  | { type: 'cleaned'; line: number; notes: string[] }
  | { type: 'done'; line: number }
  | { type: 'failed'; message: string; unknownFormat: boolean };

const MAX_BATCHES_IN_FLIGHT = 3;

const port = parentPort;
if (!port) throw new Error('parse.worker.ts runs as a worker thread');
const job = workerData as ParseJob;
const send = (message: ParseMessage) => port.postMessage(message);

let credits = MAX_BATCHES_IN_FLIGHT;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits += 1;
  wake?.();
  wake = null;
});

async function sendBatch(papers: PaperInput[], line: number): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits -= 1;
  send({ type: 'batch', papers, line });
}

let batch: PaperInput[] = [];
let line = 0;
try {
  for await (const outcome of readRecords(job.file, job.format)) {
    line = outcome.line;
    if ('rejected' in outcome) {
      send({ type: 'rejected', line, reason: outcome.rejected });
      continue;
    }
    if (outcome.notes.length > 0) send({ type: 'cleaned', line, notes: outcome.notes });
    batch.push(outcome.paper);
    if (batch.length >= job.batchSize) {
      await sendBatch(batch, line);
      batch = [];
    }
  }
  if (batch.length > 0) await sendBatch(batch, line);
  send({ type: 'done', line });
} catch (error) {
  send({ type: 'failed', message: (error as Error).message, unknownFormat: error instanceof UnknownFormatError });
}
port.close();
