// OAI-PMH harvest throughput: parse and store records/s over a long synthetic ListRecords sequence served on
// 127.0.0.1 (pages of 1,000 records in arXiv's own metadata format, linked by resumption tokens), network
// spacing disabled. Usage: node --import tsx bench/oai.ts [RECORDS]
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createArxivOaiService } from '../src/ingest/arxiv-oai.service.ts';
import { createPoliteHttp } from '../src/net/polite-http.ts';
import { synthesize } from './corpus.ts';
import { machineLine, openBenchDatabase } from './env.ts';

const total = Number(process.argv[2] ?? 100_000);
const PAGE = 1000;
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface SnapshotRecord {
  id: string;
  title: string;
  abstract: string;
  categories: string;
  authors_parsed: string[][];
  versions: Array<{ created: string }>;
}

function recordXml(r: SnapshotRecord): string {
  const created = new Date(r.versions[0]?.created ?? Date.now()).toISOString().slice(0, 10);
  const authors = r.authors_parsed
    .map(([last, first]) => `<author><keyname>${escapeXml(last ?? '')}</keyname><forenames>${escapeXml(first ?? '')}</forenames></author>`)
    .join('');
  return `<record><header><identifier>oai:arXiv.org:${r.id}</identifier><datestamp>${created}</datestamp><setSpec>cs</setSpec></header>
<metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>${r.id}</id><created>${created}</created><authors>${authors}</authors>
<title>${escapeXml(r.title)}</title><categories>${r.categories}</categories><abstract>${escapeXml(r.abstract)}</abstract></arXiv></metadata></record>`;
}

// Pages are built before timing starts: the figure is the harvester's, not the generator's.
const records = [...synthesize(total, 11)].map((line) => recordXml(JSON.parse(line) as SnapshotRecord));
const pages: string[] = [];
for (let start = 0; start < total; start += PAGE) {
  const last = start + PAGE >= total;
  const token = last ? '<resumptionToken/>' : `<resumptionToken cursor="${start}" completeListSize="${total}">page-${start + PAGE}</resumptionToken>`;
  pages.push(`<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-11-26T00:00:00Z</responseDate>
<request verb="ListRecords">http://127.0.0.1/oai2</request><ListRecords>
${records.slice(start, start + PAGE).join('\n')}
${token}</ListRecords></OAI-PMH>`);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://local');
  const token = url.searchParams.get('resumptionToken');
  const index = token ? Number(token.slice('page-'.length)) / PAGE : 0;
  res.writeHead(200, { 'content-type': 'text/xml' });
  res.end(pages[index]);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;

const dbFile = path.join(os.tmpdir(), `paperboard-bench-oai-${process.pid}.db`);
const { db, services } = await openBenchDatabase(dbFile, { fresh: true });
const harvester = createArxivOaiService({
  db,
  papers: services.papers,
  http: createPoliteHttp({ userAgent: 'Paperboard/bench', minIntervalMs: 0, timeScale: 0 }),
  oaiUrl: `http://127.0.0.1:${port}/oai2`,
});

const started = performance.now();
const result = await harvester.harvest({ from: '2007-01-01', until: '2026-11-26' });
const seconds = (performance.now() - started) / 1000;
await db.close();
server.close();
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });

console.log(machineLine());
console.log(`harvest: ${total.toLocaleString('en')} records in ${result.pages} pages of ${PAGE}, ${(pages.reduce((n, p) => n + p.length, 0) / 2 ** 20).toFixed(0)} MiB of XML`);
console.log(`imported ${result.counts.imported}, rejected ${result.counts.rejected}`);
console.log(`throughput: ${seconds.toFixed(1)} s, ${Math.round(total / seconds).toLocaleString('en')} records/s (fetch, XML validation and parsing, storage with FTS index, checkpoint per page)`);
