// Rebuilds data/demo/papers.jsonl and data/demo/papers-extra.json from the captured trending page (the 77 papers of
// test/fixtures/seed/seed-papers.jsonl) and the facts gathered for them from public pages
// (test/fixtures/seed/seed-papers-metadata.jsonl: arXiv id, authors, first-version date, categories, repository).
// A fact no source showed stays empty: nothing is invented but the demo's upvotes, which are marked demo.
// Run by hand when the fixtures change (scripts/sync-fixtures.mjs): `npx tsx scripts/build-demo-data.ts`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArxivId } from '../src/papers/paper-id.ts';
import { foldWhitespace, normalizeAbstract } from '../src/papers/paper-text.ts';
import type { PaperInput } from '../src/papers/paper.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seed = path.join(root, 'test/fixtures/seed');
const out = path.join(root, 'data/demo');

interface SeedFacts {
  title: string;
  arxivId: string | null;
  authors: string[] | null;
  published: string | null;
  primaryCategory: string | null;
  categories: string[] | null;
  githubRepo: string | null;
}

const readLines = <T>(file: string): T[] =>
  fs.readFileSync(path.join(seed, file), 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as T);

const captured = readLines<{ title: string; abstract: string }>('seed-papers.jsonl');
const facts = new Map(readLines<SeedFacts>('seed-papers-metadata.jsonl').map((f) => [foldWhitespace(f.title), f]));

/** A number in [0, 1) fixed by a paper id and a purpose: the same file on every rebuild. */
function unit(id: string, purpose: string): number {
  return createHash('sha256').update(`${purpose}:${id}`).digest().readUInt32BE(0) / 2 ** 32;
}

const papers: PaperInput[] = [];
const extra: Array<{ id: string; githubRepo: string | null; upvotes: number }> = [];
for (const { title, abstract } of captured) {
  const known = facts.get(foldWhitespace(title));
  const id = known?.arxivId ? parseArxivId(known.arxivId)?.id : undefined;
  if (!known || !id) throw new Error(`no arXiv id gathered for "${title}"`);
  const categories = known.categories ?? (known.primaryCategory ? [known.primaryCategory] : []);
  papers.push({
    id, version: 1, title: foldWhitespace(title), abstract: normalizeAbstract(abstract),
    authors: (known.authors ?? []).map((name) => ({ name })),
    categories, primaryCategory: known.primaryCategory ?? categories[0] ?? null,
    publishedAt: known.published ? `${known.published}T00:00:00Z` : null, updatedAt: null,
    doi: null, journalRef: null, comments: null, versions: [],
  });
  // A week's upvotes look like a real one: most papers a handful, a few many (a long tail, never a flat row).
  extra.push({ id, githubRepo: known.githubRepo, upvotes: Math.round(2 + 160 * unit(id, 'upvotes') ** 3) });
}

const lines = papers.map(({ versions: _versions, ...paper }) => JSON.stringify(paper));
fs.writeFileSync(path.join(out, 'papers.jsonl'), `${lines.join('\n')}\n`);
const about = 'For each demo paper: the repository its public pages name (seed metadata; linked as the authors\' code) and demo upvotes (generated, marked demo). Built by scripts/build-demo-data.ts.';
fs.writeFileSync(path.join(out, 'papers-extra.json'), `${JSON.stringify({ about, papers: extra }, null, 1)}\n`);
console.log(`wrote ${lines.length} papers to ${path.relative(root, out)}`);
