// An author's page: their papers, newest first, and who they write with, found through the keyword index's author
// column (search service) and kept to the papers where the name is a whole author.
import type { SearchService } from '../search/search.service.ts';
import type { Paper } from '../papers/paper.ts';
import { coAuthors, displayName, papersOf } from './author.ts';

/** Papers an author's page lists at most: the newest of the index's candidates. */
export const AUTHOR_PAPERS = 100;

export interface AuthorPage {
  name: string;
  papers: Paper[];
  coAuthors: Array<{ name: string; papers: number }>;
}

export function createAuthorsService(deps: { search: Pick<SearchService, 'byAuthor'> }) {
  return {
    /** Null when no stored paper has this author. */
    async page(name: string): Promise<AuthorPage | null> {
      const papers = papersOf(name, await deps.search.byAuthor(name, AUTHOR_PAPERS * 2)).slice(0, AUTHOR_PAPERS);
      if (papers.length === 0) return null;
      return { name: displayName(name, papers), papers, coAuthors: coAuthors(name, papers) };
    },
  };
}

export type AuthorsService = ReturnType<typeof createAuthorsService>;
