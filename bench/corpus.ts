// Writes a synthetic arXiv snapshot file (Kaggle format) of N records built from real text: sentences of the
// demo set's real abstracts recombined, real author names, a realistic category mix, dates over 2007–2026.
// Usage: node --import tsx bench/corpus.ts [N] [FILE]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A small deterministic generator (mulberry32): the same N gives the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DemoPaper {
  title: string;
  abstract: string;
  authors: Array<{ name: string }>;
}

export function realText() {
  const demo = fs
    .readFileSync(path.join(root, 'test/fixtures/corpus/papers.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as DemoPaper);
  const sentences = demo.flatMap((p) => p.abstract.split(/(?<=[.!?])\s+(?=[A-Z])/)).filter((s) => s.split(' ').length >= 6);
  const titleWords = demo.flatMap((p) => p.title.split(/\s+/)).filter((w) => w.length > 2);
  const names = demo.flatMap((p) => p.authors.map((a) => a.name.split(' ')));
  const firstNames = names.map((n) => n.slice(0, -1).join(' ')).filter(Boolean);
  const lastNames = names.map((n) => n.at(-1) as string).filter(Boolean);
  return { sentences, titleWords, firstNames, lastNames };
}

// Roughly arXiv's mix: heavy CS and physics, a long tail.
const CATEGORIES: Array<[string, number]> = [
  ['cs.LG', 12], ['cs.CV', 9], ['cs.CL', 7], ['cs.AI', 6], ['hep-ph', 5], ['hep-th', 5], ['quant-ph', 6], ['astro-ph.GA', 4],
  ['astro-ph.CO', 3], ['cond-mat.mes-hall', 3], ['cond-mat.str-el', 3], ['math.AP', 3], ['math.CO', 3], ['math.PR', 3],
  ['stat.ML', 4], ['eess.SP', 2], ['cs.RO', 2], ['cs.CR', 2], ['gr-qc', 2], ['physics.optics', 2], ['q-bio.NC', 1], ['econ.EM', 1],
];
const categoryTable = CATEGORIES.flatMap(([name, weight]) => Array<string>(weight).fill(name));

const DAY = 86_400_000;
const START = Date.UTC(2007, 3, 2);
const END = Date.UTC(2026, 10, 20);

function monthOf(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getUTCFullYear() % 100).padStart(2, '0')}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function* synthesize(n: number, seed = 42): Generator<string> {
  const rand = random(seed);
  const text = realText();
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const perMonth = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    // More papers in later years, as arXiv grows: a square-root spread of the time line.
    let when = START + Math.sqrt(rand()) * (END - START);
    let yymm = monthOf(when);
    // Until 2014 a month holds at most 9,999 ids (YYMM.NNNN): a full month passes its papers on.
    while (Number(yymm) <= 1412 && (perMonth.get(yymm) ?? 0) >= 9999) {
      when += 31 * DAY;
      yymm = monthOf(when);
    }
    const seq = (perMonth.get(yymm) ?? 0) + 1;
    perMonth.set(yymm, seq);
    const id = `${yymm}.${String(seq).padStart(Number(yymm) <= 1412 ? 4 : 5, '0')}`;
    const authorCount = 1 + Math.floor(rand() * rand() * 12);
    const authors = Array.from({ length: authorCount }, () => [pick(text.lastNames), pick(text.firstNames), '']);
    const titleLength = 5 + Math.floor(rand() * 9);
    const title = Array.from({ length: titleLength }, () => pick(text.titleWords)).join(' ');
    const abstract = Array.from({ length: 5 + Math.floor(rand() * 4) }, () => pick(text.sentences)).join(' ');
    const categories = [pick(categoryTable), ...(rand() < 0.4 ? [pick(categoryTable)] : [])];
    const versionCount = 1 + Math.floor(rand() * rand() * 4);
    const versions = Array.from({ length: versionCount }, (_, v) => ({
      version: `v${v + 1}`,
      created: new Date(when + v * 20 * DAY).toUTCString(),
    }));
    yield JSON.stringify({
      id, submitter: authors[0]?.[1], authors: authors.map((a) => `${a[1]} ${a[0]}`).join(', '),
      title: title.replace(/(.{60,70}) /, '$1\n  '), comments: rand() < 0.5 ? `${5 + Math.floor(rand() * 30)} pages` : null,
      'journal-ref': null, doi: null, 'report-no': null, categories: [...new Set(categories)].join(' '), license: null,
      abstract: `  ${abstract}\n`, versions, update_date: new Date(when + versionCount * 20 * DAY).toISOString().slice(0, 10),
      authors_parsed: authors,
    });
  }
}

export async function writeCorpus(n: number, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file);
  for (const line of synthesize(n)) {
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

export const corpusFile = (n: number) => path.join(root, 'bench/out', `corpus-${n}.jsonl`);

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const n = Number(process.argv[2] ?? 300_000);
  const file = process.argv[3] ?? corpusFile(n);
  const started = Date.now();
  await writeCorpus(n, file);
  console.log(`wrote ${n.toLocaleString('en')} records to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
