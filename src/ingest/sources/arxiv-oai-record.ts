// One OAI-PMH record in arXiv's own metadata format (metadataPrefix=arXiv) into a paper.
import { parseArxivId } from '../../papers/paper-id.ts';
import { foldWhitespace, latexNameToUnicode, normalizeAbstract } from '../../papers/paper-text.ts';
import type { PaperInput } from '../../papers/paper.ts';
import { blankToNull, isoDate } from './record.ts';
import { textOf, textsOf } from './xml.ts';

export interface OaiArxivMetadata {
  id?: unknown;
  created?: unknown;
  updated?: unknown;
  authors?: { author?: Array<{ keyname?: unknown; forenames?: unknown; suffix?: unknown; affiliation?: unknown }> };
  title?: unknown;
  categories?: unknown;
  comments?: unknown;
  'journal-ref'?: unknown;
  doi?: unknown;
  abstract?: unknown;
}

/**
 * The arXiv format names no version: a record counts as version 1, so it fills in fields but never
 * overrides a newer version that another source brought.
 */
export function oaiMetadataToPaper(meta: OaiArxivMetadata): PaperInput | { error: string } {
  const rawId = textOf(meta.id) ?? '';
  const ref = parseArxivId(rawId);
  if (!ref) return { error: `id "${rawId}" is not an arXiv id` };
  const title = foldWhitespace(textOf(meta.title) ?? '');
  if (!title) return { error: `${ref.id}: missing title` };
  const created = isoDate(textOf(meta.created));
  const categories = (textOf(meta.categories) ?? '').split(/\s+/).filter(Boolean);
  const authors = (meta.authors?.author ?? []).flatMap((a) => {
    const name = latexNameToUnicode([textOf(a.forenames), textOf(a.keyname), textOf(a.suffix)].filter(Boolean).join(' '));
    const affiliations = textsOf(a.affiliation);
    return name ? [affiliations.length ? { name, affiliations } : { name }] : [];
  });
  return {
    id: ref.id,
    version: 1,
    title,
    abstract: normalizeAbstract(textOf(meta.abstract) ?? ''),
    authors,
    categories,
    primaryCategory: categories[0] ?? null,
    publishedAt: created,
    updatedAt: isoDate(textOf(meta.updated)) ?? created,
    doi: blankToNull(textOf(meta.doi)),
    journalRef: blankToNull(textOf(meta['journal-ref'])),
    comments: blankToNull(textOf(meta.comments)),
    versions: [{ version: 1, createdAt: created }],
  };
}
