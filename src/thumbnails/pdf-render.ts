// A PDF's first page as a thumbnail, rendered in a fresh worker thread with a heap bound and a time bound: pdf.js on a
// broken or hostile file may loop, allocate without end or throw anywhere; the worker is terminated and the paper keeps
// its title card. One render at a time per process (they are rare: once a paper, in the background).
import { Worker } from 'node:worker_threads';
import { THUMBNAIL_HEIGHT, THUMBNAIL_MAX_BYTES, THUMBNAIL_WIDTH } from './thumbnail.ts';

const workerFile = new URL('./pdf-render.worker.mjs', import.meta.url);

/** What the worker answers (pdf-render.worker.mjs). */
type RenderAnswer = { ok: true; image: Uint8Array } | { ok: false; error: string };

export interface RenderLimits {
  /** The longest a render may take, start-up included. */
  timeMs: number;
  /** The worker's JavaScript heap (pdf.js's objects); the canvas is fixed at 320 × 414. */
  heapMb: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = { timeMs: 20_000, heapMb: 128 };

export class RenderFailed extends Error {
  override name = 'RenderFailed';
}

export function renderFirstPage(pdf: Uint8Array, limits: RenderLimits = DEFAULT_RENDER_LIMITS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, {
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(new RenderFailed(`rendering took longer than ${limits.timeMs / 1000} s`))), limits.timeMs);
    worker.once('message', (answer: RenderAnswer) =>
      finish(() => (answer.ok ? resolve(Buffer.from(answer.image)) : reject(new RenderFailed(`unreadable PDF: ${answer.error}`)))),
    );
    worker.once('error', (error) => finish(() => reject(new RenderFailed(/heap|memory/i.test(error.message) ? `the PDF needs more than ${limits.heapMb} MB to render` : error.message))));
    worker.once('exit', (code) => finish(() => reject(new RenderFailed(`the renderer stopped (exit ${code})`))));
    const own = new Uint8Array(pdf); // its own buffer, to hand over whole
    worker.postMessage({ pdf: own, width: THUMBNAIL_WIDTH, height: THUMBNAIL_HEIGHT, maxBytes: THUMBNAIL_MAX_BYTES }, [own.buffer]);
  });
}
