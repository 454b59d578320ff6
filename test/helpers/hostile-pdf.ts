// PDFs written by hand for the thumbnail tests: a well-formed one-page paper, and the kinds a hostile or broken
// upstream sends (a page that draws without end, a form that draws itself, a page of absurd size, a stream that
// inflates to gigabytes). Each is a valid PDF file structure (header, objects, xref, trailer), so the renderer parses
// it and meets the trouble where a real one would.
import zlib from 'node:zlib';

/** A PDF of the given objects (1-based: `objects[0]` is object 1); object 1 must be the catalog. */
export function buildPdf(objects: ReadonlyArray<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((object, i) => {
    offsets.push(length);
    const body = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(object) ? object : Buffer.from(object, 'latin1'), Buffer.from('\nendobj\n')]);
    parts.push(body);
    length += body.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const stream = (dictionary: string, data: Buffer | string) => {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1');
  return Buffer.concat([Buffer.from(`<< ${dictionary} /Length ${bytes.length} >>\nstream\n`), bytes, Buffer.from('\nendstream')]);
};

/** A page of `content` (objects 1–4 and whatever `extra` adds from object 5 on). */
function onePage(content: Buffer | string, options: { mediaBox?: string; contentDictionary?: string; resources?: string; extra?: Array<string | Buffer> } = {}): Buffer {
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox ${options.mediaBox ?? '[0 0 612 792]'} /Contents 4 0 R /Resources ${options.resources ?? '<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>'} >>`,
    stream(options.contentDictionary ?? '', content),
    ...(options.extra ?? []),
  ]);
}

/** A plain first page: a title and lines of text, as a paper's. */
export function paperPdf(title = 'A Well-Formed Paper'): Buffer {
  const lines = Array.from({ length: 40 }, (_, i) => `BT /F1 9 Tf 72 ${660 - i * 13} Td (Line ${i + 1} of the introduction, which goes on for a while.) Tj ET`);
  return onePage(`BT /F1 20 Tf 150 730 Td (${title}) Tj ET\n${lines.join('\n')}`);
}

/** A page of millions of drawing operators: parses, then keeps the renderer busy far past any bound. */
export function endlessDrawingPdf(operators = 3_000_000): Buffer {
  const content = zlib.deflateSync(Buffer.from('0 0 m 612 792 l S\n'.repeat(operators)));
  return onePage(content, { contentDictionary: '/Filter /FlateDecode' });
}

/**
 * A page whose content inflates from about a megabyte to `megabytes` of spaces (a deflate bomb): the heap bound ends
 * it. Deflated as a stream, one 16 MB chunk at a time, so the test itself never holds the whole.
 */
export async function inflatingPdf(megabytes = 1024): Promise<Buffer> {
  const chunk = Buffer.alloc(16 * 1024 * 1024, 0x20);
  const deflater = zlib.createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (piece: Buffer) => out.push(piece));
  const done = new Promise<void>((resolve, reject) => deflater.on('end', resolve).on('error', reject));
  for (let i = 0; i < megabytes / 16; i += 1) {
    if (!deflater.write(chunk)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return onePage(Buffer.concat(out), { contentDictionary: '/Filter /FlateDecode' });
}

/** A form XObject that draws itself: recursion the renderer must refuse or bound. */
export function selfDrawingPdf(): Buffer {
  return onePage('/X1 Do', {
    resources: '<< /XObject << /X1 5 0 R >> >>',
    extra: [stream('/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X1 5 0 R >> >>', '0 0 m 10 10 l S /X1 Do')],
  });
}

/** A page a mile square, with a text on it. */
export function hugePagePdf(): Buffer {
  return onePage('BT /F1 2000 Tf 100 100 Td (Huge) Tj ET', { mediaBox: '[0 0 14400 14400000]' });
}
