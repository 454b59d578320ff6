// Runs in a worker thread (pdf-render.ts): the first page of a PDF as a WebP about 320 px wide. Plain JavaScript, so
// the thread starts without the TypeScript loader (a second faster, 60 MB lighter). The thread has a heap bound and is
// terminated past its time, so a broken or hostile PDF costs one thread, never the server.
import { parentPort } from 'node:worker_threads';
import zlib from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';

/**
 * The most one compressed stream may inflate to. pdf.js inflates into array buffers, which the thread's heap bound
 * does not count: a few-megabyte deflate bomb would take gigabytes of the server's memory. A figure of a real paper
 * inflates to tens of megabytes at most.
 */
const MAX_INFLATED_STREAM = 96 * 1024 * 1024;

/** Refuses a file with a deflated stream that inflates past the bound, before pdf.js reads it. */
function refuseBombs(pdf) {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  for (const match of text.matchAll(/\/FlateDecode[\s\S]{0,400}?stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      zlib.inflateSync(pdf.subarray(start, end), { maxOutputLength: MAX_INFLATED_STREAM, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } catch (error) {
      if (error && error.code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`a stream inflates past ${MAX_INFLATED_STREAM / 2 ** 20} MB`);
      // A damaged stream is pdf.js's to judge: it renders what it can.
    }
  }
}

/** The qualities tried in turn until the page fits the byte bound (a dense page needs the lower ones). */
const QUALITIES = [72, 55, 40];

/** @param {{ pdf: Uint8Array, width: number, height: number, maxBytes: number }} request */
async function render({ pdf, width, height, maxBytes }) {
  refuseBombs(pdf);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // No script, no fonts from the document into the process, no network: the page's pixels only.
  const task = pdfjs.getDocument({ data: pdf, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, maxImageSize: 4096 * 4096 });
  const document = await task.promise;
  try {
    const page = await document.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    if (!(natural.width > 0 && natural.height > 0)) throw new Error('the first page has no size');
    const viewport = page.getViewport({ scale: width / natural.width });
    // A page taller than a letter page is cut at its top part: what a reader recognises is there.
    const canvas = createCanvas(width, Math.min(height, Math.max(1, Math.round(viewport.height))));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas, canvasContext: context, viewport }).promise;
    for (const quality of QUALITIES) {
      const image = await canvas.encode('webp', quality);
      if (image.length <= maxBytes) return new Uint8Array(image);
    }
    throw new Error(`the page does not fit ${maxBytes} bytes`);
  } finally {
    await document.destroy();
  }
}

parentPort?.once('message', (request) => {
  render(request).then(
    (image) => parentPort?.postMessage({ ok: true, image }, [image.buffer]),
    (error) => parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
