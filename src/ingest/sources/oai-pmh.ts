// One OAI-PMH ListRecords page (metadataPrefix=arXiv): its records, its resumption token, or its protocol error.
import type { PaperInput } from '../../papers/paper.ts';
import { oaiMetadataToPaper, type OaiArxivMetadata } from './arxiv-oai-record.ts';
import { parseXmlDocument, textOf } from './xml.ts';

export interface OaiRecord {
  identifier: string;
  datestamp: string;
  deleted: boolean;
  /** The paper, or why the record could not be read. */
  paper: PaperInput | null;
  problem: string | null;
}

export type OaiPage =
  | { kind: 'records'; records: OaiRecord[]; resumptionToken: string | null; completeListSize: number | null }
  | { kind: 'error'; code: string; message: string };

interface RawRecord {
  header?: Array<{ identifier?: unknown; datestamp?: unknown; '@status'?: string }>;
  metadata?: { arXiv?: OaiArxivMetadata };
}

interface RawDocument {
  'OAI-PMH'?: {
    error?: unknown;
    ListRecords?: { record?: RawRecord[]; resumptionToken?: unknown };
    GetRecord?: { record?: RawRecord[] };
  };
}

function readRecord(raw: RawRecord): OaiRecord {
  const header = raw.header?.[0] ?? {};
  const identifier = textOf(header.identifier) ?? '';
  const datestamp = textOf(header.datestamp) ?? '';
  if (header['@status'] === 'deleted') return { identifier, datestamp, deleted: true, paper: null, problem: null };
  const meta = raw.metadata?.arXiv;
  if (!meta) return { identifier, datestamp, deleted: false, paper: null, problem: 'no arXiv metadata in the record' };
  const paper = oaiMetadataToPaper(meta);
  return 'error' in paper
    ? { identifier, datestamp, deleted: false, paper: null, problem: paper.error }
    : { identifier, datestamp, deleted: false, paper, problem: null };
}

export function parseOaiPage(url: string, body: string): OaiPage {
  const doc = parseXmlDocument(url, body) as RawDocument;
  const root = doc['OAI-PMH'];
  if (!root) throw new Error(`${url}: not an OAI-PMH response (no <OAI-PMH> element)`);
  if (root.error !== undefined) {
    const error = (Array.isArray(root.error) ? root.error[0] : root.error) as { '@code'?: string; '#text'?: string } | string;
    const code = typeof error === 'string' ? 'unknown' : (error['@code'] ?? 'unknown');
    const message = typeof error === 'string' ? error : (error['#text'] ?? '');
    return { kind: 'error', code, message };
  }
  const list = root.ListRecords ?? root.GetRecord;
  if (!list) throw new Error(`${url}: neither records nor an error in the OAI-PMH response`);
  const tokenNode = 'resumptionToken' in list ? list.resumptionToken : undefined;
  const token = textOf(tokenNode)?.trim() || null; // an empty token marks the last page
  const size = typeof tokenNode === 'object' && tokenNode !== null ? Number((tokenNode as { '@completeListSize'?: string })['@completeListSize']) : NaN;
  return {
    kind: 'records',
    records: (list.record ?? []).map(readRecord),
    resumptionToken: token,
    completeListSize: Number.isFinite(size) ? size : null,
  };
}

/**
 * The OAI-PMH set an arXiv category is harvested from: its archive (`cs.LG` → `cs`, `stat.ML` → `stat`), under
 * `physics:` for the physics archives (`hep-th` → `physics:hep-th`, `astro-ph.GA` → `physics:astro-ph`).
 */
export function oaiSetOf(category: string): string {
  const archive = category.split('.')[0] ?? category;
  return PHYSICS_ARCHIVES.has(archive) ? `physics:${archive}` : archive;
}

const PHYSICS_ARCHIVES = new Set([
  'astro-ph', 'cond-mat', 'gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th', 'math-ph', 'nlin', 'nucl-ex', 'nucl-th', 'physics', 'quant-ph',
]);
