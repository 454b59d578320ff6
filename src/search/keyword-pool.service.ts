// Where keyword searches run. SQLite answers synchronously, and some searches take long at full-arXiv scale, so a
// server runs them on a few worker threads (keyword.worker.ts), each with its own connection: the event loop only
// posts the query and hydrates the keys that come back, and /healthz answers whatever the searches do. A bounded
// queue in front turns overload into a quick 503 instead of a growing wait. Commands run them in-process.
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { createKeywordRanking, type KeywordIndex, type KeywordRanking, type PaperTextSource, type TitleMatch } from './keyword-ranking.service.ts';
import { parseSearchQuery, type ParsedQuery } from './query.ts';

export type KeywordRequest =
  | { id: number; kind: 'rank'; query: ParsedQuery }
  | { id: number; kind: 'titles'; query: ParsedQuery; limit: number };

type Unsent = KeywordRequest extends infer R ? (R extends KeywordRequest ? Omit<R, 'id'> : never) : never;

export type KeywordReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string; code?: unknown };


export interface KeywordRanker {
  rank(query: ParsedQuery): Promise<KeywordRanking>;
  /** The newest papers whose title holds every term of the query (its last may be a prefix): suggestions. */
  titles(query: ParsedQuery, limit: number): Promise<TitleMatch[]>;
  /** Starts what the first search would otherwise wait for (the worker threads, their connections). */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** The ranking on the calling thread: for commands, and for PostgreSQL (whose driver does not block the event loop). */
export function inProcessRanker(index: KeywordIndex, papers: PaperTextSource): KeywordRanker {
  const ranking = createKeywordRanking(index, papers);
  return {
    rank: (query) => ranking.rank(query),
    titles: (query, limit) => ranking.titles(query, limit),
    warm: async () => undefined,
    close: async () => undefined,
  };
}

export interface PoolSettings {
  workers: number;
  /** Searches waiting for a worker beyond this many are refused at once. */
  queueLimit: number;
  /** How long a search may wait for a worker, and then run, before the client is told to try again. */
  waitMs: number;
  runMs: number;
}

const busy = () => new AppError('unavailable', 'Search is busy right now. Try again in a few seconds.');

const workerEntry = new URL('../worker-entry.mjs', import.meta.url);
const workerModule = new URL('./keyword.worker.ts', import.meta.url).href;

interface Job {
  request: KeywordRequest;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | null;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** Keyword searches on worker threads over the SQLite file, started when first needed. */
export function workerPoolRanker(file: string, settings: PoolSettings): KeywordRanker {
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const settle = (job: Job, outcome: { value: unknown } | { error: Error }) => {
    if (job.timer) clearTimeout(job.timer);
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome.value);
  };

  function retire(slot: Slot, error: Error) {
    slots.splice(slots.indexOf(slot), 1);
    if (slot.job) settle(slot.job, { error });
    slot.job = null;
    void slot.worker.terminate();
    dispatch(); // queued searches go to the others, or to a new worker
  }

  function spawn(): Slot {
    const worker = new Worker(workerEntry, { workerData: { file }, argv: [workerModule] });
    const slot: Slot = { worker, job: null };
    worker.on('message', (reply: KeywordReply) => {
      const job = slot.job;
      if (!job || job.request.id !== reply.id) return; // the answer to a search already given up on
      slot.job = null;
      settle(job, reply.ok ? { value: reply.value } : { error: Object.assign(new Error(reply.message), typeof reply.code === 'string' ? { code: reply.code } : {}) });
      dispatch();
    });
    worker.on('error', (error) => retire(slot, error));
    worker.on('exit', () => {
      if (slots.includes(slot)) retire(slot, new Error('a search worker stopped'));
      dispatch();
    });
    worker.unref(); // an idle pool never keeps a process alive (after the listeners: adding one refs the worker again)
    slots.push(slot);
    return slot;
  }

  function start(slot: Slot, job: Job) {
    slot.job = job;
    if (job.timer) clearTimeout(job.timer);
    // A search that runs past its time is given up: its worker is replaced (SQLite cannot be interrupted from
    // here; the old thread ends when its statement returns), so one slow query holds no slot for long.
    job.timer = setTimeout(() => retire(slot, busy()), settings.runMs);
    slot.worker.postMessage(job.request);
  }

  function dispatch() {
    while (queue.length > 0 && !closed) {
      const idle = slots.find((s) => s.job === null) ?? (slots.length < settings.workers ? spawn() : null);
      if (!idle) return;
      start(idle, queue.shift() as Job);
    }
  }

  function submit<T>(request: Unsent): Promise<T> {
    if (closed) return Promise.reject(new Error('the search pool is closed'));
    if (queue.length >= settings.queueLimit) return Promise.reject(busy());
    return new Promise<T>((resolve, reject) => {
      const job: Job = { request: { ...request, id: nextId++ } as KeywordRequest, resolve: resolve as (value: unknown) => void, reject, timer: null };
      job.timer = setTimeout(() => {
        queue.splice(queue.indexOf(job), 1);
        reject(busy());
      }, settings.waitMs);
      queue.push(job);
      dispatch();
    });
  }

  return {
    rank: (query) => submit<KeywordRanking>({ kind: 'rank', query }),
    titles: (query, limit) => submit<TitleMatch[]>({ kind: 'titles', query, limit }),
    // Each worker loads its modules and opens its connection on its first request: a second or so that the first
    // searcher after a start would wait for (bench/search-page.ts: a first-pass p99 near 1.1 s). `serve` pays it first.
    async warm() {
      const asked = Array.from({ length: settings.workers }, () => submit<TitleMatch[]>({ kind: 'titles', query: parseSearchQuery('paperboard'), limit: 1 }));
      await Promise.allSettled(asked);
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) settle(job, { error: new Error('the search pool is closed') });
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}
