// What a stored paper may hold (docs/limits.md). Real arXiv metadata needs far less than these: the longest titles
// run to about 300 characters, abstracts are capped at 1,920 by arXiv (older and other sources run longer), and the
// longest author list (ATLAS and CMS, 2015) has 5,154 names. A 20 MB abstract, a 1 MB title or 200,000 authors made
// pages of 21–49 MB and 1.3 GB of memory, so every path that stores papers checks them here: text is cleaned of
// control characters and bidi overrides, secondary fields are cut, and a record past a limit on what defines it is
// refused with the reason.
import { withoutControlCharacters } from '../control-characters.ts';
import type { Author, PaperInput } from './paper.ts';

export const PAPER_LIMITS = {
  titleChars: 1_000,
  abstractChars: 10_000,
  authors: 10_000,
  authorNameChars: 300,
  /** All names and affiliations together: 10,000 authors of a few affiliations each, not 10,000 × 20 long ones. */
  authorsTotalChars: 1_000_000,
  affiliationsPerAuthor: 20,
  affiliationChars: 300,
  categories: 20,
  categoryChars: 40,
  commentsChars: 2_000,
  journalRefChars: 500,
  doiChars: 200,
  versions: 500,
} as const;

export type CheckedPaper = { ok: true; paper: PaperInput; notes: string[] } | { ok: false; reason: string };

const count = (n: number) => n.toLocaleString('en');

/** An arXiv category as category pages take it (`cs.LG`, `hep-th`, `math.AG`): anything else would link to a 400. */
export const CATEGORY_PATTERN = /^[a-z][a-z-]{0,19}(\.[A-Za-z][A-Za-z-]{0,19})?$/;

/** A count an upstream gives (upvotes, stars, comments) past this is not real: clamped, so it fits every column. */
export const MAX_UPSTREAM_COUNT = 100_000_000;

/** Checks and cleans a paper on its way in; `notes` says what was changed, `reason` why it was refused. */
export function checkPaper(input: PaperInput): CheckedPaper {
  const notes: string[] = [];
  const cleaned = (field: string, text: string) => {
    const out = withoutControlCharacters(text);
    if (out !== text) notes.push(`removed control characters from ${field}`);
    return out;
  };
  const cut = (field: string, text: string | null, max: number) => {
    if (text === null) return null;
    const clean = cleaned(field, text);
    if (clean.length <= max) return clean;
    notes.push(`cut ${field} to ${count(max)} characters`);
    return clean.slice(0, max);
  };

  const L = PAPER_LIMITS;
  if (input.title.length > L.titleChars) return { ok: false, reason: `title is ${count(input.title.length)} characters; at most ${count(L.titleChars)}` };
  if (input.abstract.length > L.abstractChars) return { ok: false, reason: `abstract is ${count(input.abstract.length)} characters; at most ${count(L.abstractChars)}` };
  if (input.authors.length > L.authors) return { ok: false, reason: `${count(input.authors.length)} authors; at most ${count(L.authors)}` };
  if (input.categories.length > L.categories) return { ok: false, reason: `${count(input.categories.length)} categories; at most ${L.categories}` };
  const longCategory = input.categories.find((c) => c.length > L.categoryChars);
  if (longCategory) return { ok: false, reason: `category "${longCategory.slice(0, 50)}…" is longer than ${L.categoryChars} characters` };

  const title = cleaned('title', input.title);
  if (!title.trim()) return { ok: false, reason: 'title is empty once control characters are removed' };
  const authors: Author[] = input.authors.map((author, i) => {
    const name = cut('author names', author.name, L.authorNameChars) as string;
    if (!author.affiliations) return { name };
    const affiliations = author.affiliations.slice(0, L.affiliationsPerAuthor).map((a) => cut('affiliations', a, L.affiliationChars) as string);
    if (author.affiliations.length > L.affiliationsPerAuthor) notes.push(`kept ${L.affiliationsPerAuthor} affiliations of author ${i + 1}`);
    return { name, affiliations };
  });
  const authorsChars = authors.reduce((n, a) => n + a.name.length + (a.affiliations?.reduce((m, x) => m + x.length, 0) ?? 0), 0);
  if (authorsChars > L.authorsTotalChars) return { ok: false, reason: `author names and affiliations hold ${count(authorsChars)} characters; at most ${count(L.authorsTotalChars)}` };
  const categories = input.categories.map((c) => cleaned('categories', c)).filter(Boolean);
  const wrongCategories = categories.filter((c) => !CATEGORY_PATTERN.test(c));
  if (wrongCategories.length > 0) {
    notes.push(`dropped ${wrongCategories.length === 1 ? 'a category' : `${wrongCategories.length} categories`} that ${wrongCategories.length === 1 ? 'is' : 'are'} no arXiv category ("${wrongCategories[0]?.slice(0, 30)}")`);
    categories.splice(0, categories.length, ...categories.filter((c) => CATEGORY_PATTERN.test(c)));
  }
  const versions = input.versions.length > L.versions ? input.versions.slice(-L.versions) : input.versions;
  if (versions !== input.versions) notes.push(`kept the last ${L.versions} of ${count(input.versions.length)} versions`);
  const paper: PaperInput = {
    ...input,
    title,
    abstract: cleaned('abstract', input.abstract),
    authors,
    categories,
    primaryCategory: input.primaryCategory !== null && CATEGORY_PATTERN.test(input.primaryCategory) ? input.primaryCategory : (categories[0] ?? null),
    comments: cut('comments', input.comments, L.commentsChars),
    journalRef: cut('journal reference', input.journalRef, L.journalRefChars),
    doi: cut('DOI', input.doi, L.doiChars),
    versions,
  };
  return { ok: true, paper, notes: [...new Set(notes)] };
}
