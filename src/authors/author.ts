// An author as the papers name them: who counts as the same person on a page, and who they write with. Pure.
import { MAX_PATH_PARAMETER } from '../request-limits.ts';
import type { Paper } from '../papers/paper.ts';

/** Case, accents and spacing aside: "Jürgen  Schmidhuber" and "jurgen schmidhuber" are one name. */
export function authorKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The papers on which `name` is a whole author (not a phrase inside another name: "Li" in "Li Wei"). */
export function papersOf(name: string, papers: readonly Paper[]): Paper[] {
  const key = authorKey(name);
  return papers.filter((paper) => paper.authors.some((a) => authorKey(a.name) === key));
}

/** How the papers write the name most often: the page's heading. */
export function displayName(name: string, papers: readonly Paper[]): string {
  const key = authorKey(name);
  const spellings = new Map<string, number>();
  for (const paper of papers) for (const a of paper.authors) if (authorKey(a.name) === key) spellings.set(a.name, (spellings.get(a.name) ?? 0) + 1);
  return [...spellings].sort((a, b) => b[1] - a[1])[0]?.[0] ?? name;
}

/** Co-authors by the number of shared papers, most first (then by name), without the author. */
export function coAuthors(name: string, papers: readonly Paper[], limit = 20): Array<{ name: string; papers: number }> {
  const key = authorKey(name);
  const counts = new Map<string, { name: string; papers: number }>();
  for (const paper of papers) {
    const seen = new Set<string>();
    for (const author of paper.authors) {
      const other = authorKey(author.name);
      if (!other || other === key || seen.has(other)) continue;
      seen.add(other);
      const entry = counts.get(other) ?? { name: author.name, papers: 0 };
      entry.papers += 1;
      counts.set(other, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.papers - a.papers || a.name.localeCompare(b.name)).slice(0, limit);
}

/**
 * The address of an author's page, or null where no page can be addressed: a name whose encoded form is longer than a
 * path parameter may be (it answered 414), and `.` or `..`, which browsers resolve as path steps (to `/`).
 */
export function authorPath(name: string): string | null {
  const encoded = encodeURIComponent(name);
  if (encoded.length > MAX_PATH_PARAMETER || /^\.{1,2}$/.test(name.trim()) || !name.trim()) return null;
  return `/authors/${encoded}`;
}
