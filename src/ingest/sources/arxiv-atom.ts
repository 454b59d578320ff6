// The arXiv API's Atom responses: entries into papers, error entries into per-id errors.
import { parseArxivId } from '../../papers/paper-id.ts';
import { foldWhitespace, normalizeAbstract, repairMojibake } from '../../papers/paper-text.ts';
import type { PaperInput } from '../../papers/paper.ts';
import { blankToNull, isoDate } from './record.ts';
import { parseXmlDocument, textOf, textsOf } from './xml.ts';

export interface AtomResult {
  papers: PaperInput[];
  /** The API's error entries ("incorrect id format for abc"), keyed by what it names. */
  errors: Array<{ reference: string; message: string }>;
  totalResults: number | null;
}

interface AtomEntry {
  id?: unknown;
  title?: unknown;
  summary?: unknown;
  published?: unknown;
  updated?: unknown;
  author?: Array<{ name?: unknown; affiliation?: unknown }>;
  category?: Array<{ '@term'?: string }>;
  primary_category?: { '@term'?: string };
  doi?: unknown;
  journal_ref?: unknown;
  comment?: unknown;
}

function entryToPaper(entry: AtomEntry): PaperInput | { error: string } {
  const url = textOf(entry.id) ?? '';
  const ref = parseArxivId(url.replace(/^https?:\/\/arxiv\.org\/abs\//, ''));
  if (!ref) return { error: `entry id "${url}" is not an arXiv id` };
  const version = ref.version ?? 1;
  const published = isoDate(textOf(entry.published));
  const updated = isoDate(textOf(entry.updated)) ?? published;
  const categories = (entry.category ?? []).map((c) => c['@term']).filter((t): t is string => Boolean(t));
  return {
    id: ref.id,
    version,
    title: foldWhitespace(repairMojibake(textOf(entry.title) ?? '')),
    abstract: normalizeAbstract(repairMojibake(textOf(entry.summary) ?? '')),
    authors: (entry.author ?? []).flatMap((a) => {
      const name = foldWhitespace(repairMojibake(textOf(a.name) ?? ''));
      const affiliations = textsOf(a.affiliation).map(repairMojibake);
      return name ? [affiliations.length ? { name, affiliations } : { name }] : [];
    }),
    categories,
    primaryCategory: entry.primary_category?.['@term'] ?? categories[0] ?? null,
    publishedAt: published,
    updatedAt: updated,
    doi: blankToNull(textOf(entry.doi)),
    journalRef: blankToNull(textOf(entry.journal_ref)),
    comments: blankToNull(textOf(entry.comment)),
    versions: [{ version, createdAt: version === 1 ? published : updated }],
  };
}

/** Reads an arXiv API response; `url` names it in errors (malformed XML says where it broke). */
export function parseArxivAtom(xml: string, url = 'arXiv API response'): AtomResult {
  const doc = parseXmlDocument(url, xml) as { feed?: { entry?: AtomEntry[]; totalResults?: unknown } };
  if (!doc.feed) throw new Error(`${url}: not an Atom feed (no <feed> element)`);
  const result: AtomResult = { papers: [], errors: [], totalResults: null };
  const total = Number(textOf(doc.feed.totalResults));
  result.totalResults = Number.isFinite(total) ? total : null;
  for (const entry of doc.feed.entry ?? []) {
    const id = textOf(entry.id) ?? '';
    if (id.includes('/api/errors')) {
      const message = foldWhitespace(textOf(entry.summary) ?? 'error');
      result.errors.push({ reference: message.replace(/^.* for /, ''), message });
      continue;
    }
    const paper = entryToPaper(entry);
    if ('error' in paper) result.errors.push({ reference: id, message: paper.error });
    else result.papers.push(paper);
  }
  return result;
}
