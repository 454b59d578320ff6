// Rebuilds test/fixtures/corpus/papers.jsonl, the corpus many tests search and list: the captured page's 77 papers
// under local ids (title and abstract only) and every fixture paper. Run by hand when the fixtures change
// (scripts/sync-fixtures.mjs): `npx tsx scripts/build-fixture-corpus.ts`. The demo set is scripts/build-demo-data.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArxivAtom } from '../src/ingest/sources/arxiv-atom.ts';
import { oaiMetadataToPaper, type OaiArxivMetadata } from '../src/ingest/sources/arxiv-oai-record.ts';
import { parseKaggleRecord } from '../src/ingest/sources/kaggle.ts';
import { arxivXmlParser } from '../src/ingest/sources/xml.ts';
import { localIdFor } from '../src/papers/paper-id.ts';
import { foldWhitespace, normalizeAbstract } from '../src/papers/paper-text.ts';
import type { PaperInput } from '../src/papers/paper.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'test/fixtures');
const out = path.join(root, 'test/fixtures/corpus/papers.jsonl');

const papers = new Map<string, PaperInput>();
const add = (paper: PaperInput) => {
  if (!papers.has(paper.id)) papers.set(paper.id, paper);
};

for (const line of fs.readFileSync(path.join(fixtures, 'seed/seed-papers.jsonl'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const { title, abstract } = JSON.parse(line) as { title: string; abstract: string };
  add({
    id: localIdFor(title), version: 1, title: foldWhitespace(title), abstract: normalizeAbstract(abstract),
    authors: [], categories: [], primaryCategory: null, publishedAt: null, updatedAt: null,
    doi: null, journalRef: null, comments: null, versions: [],
  });
}

const kaggleDir = path.join(fixtures, 'kaggle');
for (const file of fs.readdirSync(kaggleDir).filter((f) => f.endsWith('.jsonl')).sort()) {
  for (const line of fs.readFileSync(path.join(kaggleDir, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = parseKaggleRecord(JSON.parse(line));
    if (record.ok) add(record.paper);
  }
}

const apiDir = path.join(fixtures, 'arxiv-api');
for (const file of fs.readdirSync(apiDir).filter((f) => f.endsWith('.xml')).sort()) {
  for (const paper of parseArxivAtom(fs.readFileSync(path.join(apiDir, file), 'utf8')).papers) add(paper);
}

const oaiDir = path.join(fixtures, 'oai-pmh');
for (const file of fs.readdirSync(oaiDir).filter((f) => /^(listrecords|getrecord).*\.xml$/.test(f)).sort()) {
  const doc = arxivXmlParser.parse(fs.readFileSync(path.join(oaiDir, file), 'utf8')) as {
    'OAI-PMH'?: Record<string, { record?: Array<{ metadata?: { arXiv?: OaiArxivMetadata } }> }>;
  };
  const body = doc['OAI-PMH'] ?? {};
  for (const record of [...(body.ListRecords?.record ?? []), ...(body.GetRecord?.record ?? [])]) {
    const paper = record.metadata?.arXiv ? oaiMetadataToPaper(record.metadata.arXiv) : null;
    if (paper && !('error' in paper)) add(paper);
  }
}

const lines = [...papers.values()].map(({ versions: _versions, ...paper }) => JSON.stringify(paper));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length} papers to ${path.relative(root, out)}`);
