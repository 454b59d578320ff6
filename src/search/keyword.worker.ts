// A search worker: its own read-only connection to the database, answering keyword rankings and title suggestions
// one at a time, so a slow search (a rare conjunction of common words at 3M papers takes a second) holds this
// thread and never the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../db/database.ts';
import { createPapersService } from '../papers/papers.service.ts';
import { createKeywordRanking } from './keyword-ranking.service.ts';
import { sqliteKeywordIndex } from './keyword-index-sqlite.adapter.ts';
import type { KeywordReply, KeywordRequest } from './keyword-pool.service.ts';

const port = parentPort;
if (!port) throw new Error('keyword.worker.ts runs as a worker thread');
const db = openReader((workerData as { file: string }).file);
// Candidates' text comes from the papers service, over this thread's own read-only connection.
const papers = createPapersService(db);
const ranking = createKeywordRanking(sqliteKeywordIndex(db, papers), papers);

async function answer(request: KeywordRequest): Promise<KeywordReply> {
  try {
    // Synchronous underneath (SQLite): one request holds this thread until it is answered.
    const value = request.kind === 'rank' ? await ranking.rank(request.query) : await ranking.titles(request.query, request.limit);
    return { id: request.id, ok: true, value };
  } catch (error) {
    // The code travels too: a damaged index (SQLITE_CORRUPT_VTAB) must reach /healthz as what it is.
    return { id: request.id, ok: false, message: (error as Error).message, code: (error as { code?: unknown }).code };
  }
}

port.on('message', async (request: KeywordRequest) => port.postMessage(await answer(request)));
