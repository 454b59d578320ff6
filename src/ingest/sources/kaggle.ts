// The arXiv metadata snapshot (Kaggle's arxiv-metadata-oai-snapshot.json): one record a line into a paper.
import { z } from 'zod';
import { parseArxivId } from '../../papers/paper-id.ts';
import { foldWhitespace, latexNameToUnicode, normalizeAbstract } from '../../papers/paper-text.ts';
import type { Author, PaperVersion } from '../../papers/paper.ts';
import { blankToNull, describeIssue, isoDate, reject, type ParsedRecord } from './record.ts';

const nullableText = z.string().nullish();

export const kaggleRecordSchema = z.object({
  id: z.string({ error: 'missing id' }).min(1, 'missing id'),
  title: z.string({ error: 'missing title' }),
  abstract: nullableText,
  authors: nullableText,
  authors_parsed: z.array(z.array(z.string())).nullish(),
  categories: nullableText,
  versions: z.array(z.object({ version: z.string(), created: z.string().nullish() })).nullish(),
  update_date: nullableText,
  doi: nullableText,
  'journal-ref': nullableText,
  comments: nullableText,
});

/** The snapshot's name splitter writes "C.-P." as "C. -P.": hyphenated initials are rejoined. */
const rejoinInitials = (name: string) => name.replace(/\.\s+-(?=\p{L})/gu, '.-');

/** `authors_parsed` rows are [last, first, suffix]: "Daisuke Ida", "Jr" after the surname. */
function authorsFrom(record: z.infer<typeof kaggleRecordSchema>): Author[] {
  if (record.authors_parsed && record.authors_parsed.length > 0) {
    return record.authors_parsed
      .map(([last = '', first = '', suffix = '']) =>
        rejoinInitials(latexNameToUnicode([first, last, suffix].filter(Boolean).join(' '))),
      )
      .filter((name) => name.length > 0)
      .map((name) => ({ name }));
  }
  return (record.authors ?? '')
    .split(/,|\band\b/)
    .map((name) => latexNameToUnicode(name))
    .filter((name) => name.length > 0)
    .map((name) => ({ name }));
}

function versionsFrom(record: z.infer<typeof kaggleRecordSchema>, notes: string[]): PaperVersion[] {
  return (record.versions ?? [])
    .map((v) => {
      const createdAt = isoDate(v.created);
      if (v.created && !createdAt) notes.push(`${v.version} was created on "${String(v.created).slice(0, 40)}", which is not a date: left out`);
      return { version: Number(v.version.replace(/^v/i, '')), createdAt };
    })
    .filter((v) => Number.isSafeInteger(v.version) && v.version > 0)
    .sort((a, b) => a.version - b.version);
}

export function parseKaggleRecord(value: unknown): ParsedRecord {
  const parsed = kaggleRecordSchema.safeParse(value);
  if (!parsed.success) return reject(describeIssue(parsed.error));
  const record = parsed.data;
  const ref = parseArxivId(record.id);
  if (!ref) return reject(`id "${record.id}" is not an arXiv id`);
  const title = foldWhitespace(record.title);
  if (!title) return reject('missing title');

  const notes: string[] = [];
  const versions = versionsFrom(record, notes);
  const latest = versions.at(-1);
  const updateDate = isoDate(record.update_date);
  if (record.update_date && !updateDate) notes.push(`update_date "${String(record.update_date).slice(0, 40)}" is not a date: left out`);
  if (!versions[0]?.createdAt && !updateDate) notes.push('no date: the paper is not listed on any day');
  const categories = (record.categories ?? '').split(/\s+/).filter(Boolean);
  return {
    ok: true,
    paper: {
      id: ref.id,
      version: latest?.version ?? ref.version ?? 1,
      title,
      abstract: normalizeAbstract(record.abstract ?? ''),
      authors: authorsFrom(record),
      categories,
      primaryCategory: categories[0] ?? null,
      publishedAt: versions[0]?.createdAt ?? updateDate,
      updatedAt: latest?.createdAt ?? updateDate,
      doi: blankToNull(record.doi),
      journalRef: blankToNull(record['journal-ref']),
      comments: blankToNull(record.comments),
      versions,
    },
    notes,
  };
}

/** A snapshot record has fields no other format has. */
export function looksLikeKaggle(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return 'authors_parsed' in value || 'update_date' in value || ('versions' in value && typeof (value as { authors?: unknown }).authors === 'string');
}
