// A BibTeX entry for a paper, in the form arXiv's own "Export BibTeX" gives, ready to paste.
import type { Paper } from './paper.ts';
import { isLocalId } from './paper-id.ts';

function citationKey(paper: Paper): string {
  const firstAuthor = paper.authors[0]?.name ?? 'anonymous';
  const surname = firstAuthor.split(/\s+/).at(-1) ?? 'anonymous';
  const year = paper.publishedAt?.slice(0, 4) ?? '';
  const firstWord = paper.title.split(/\s+/).find((w) => /^[A-Za-z]{3,}$/.test(w.replace(/[^A-Za-z]/g, ''))) ?? '';
  const key = `${surname}${year}${firstWord}`.normalize('NFD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  return key || paper.id.replace(/[^A-Za-z0-9]/g, '');
}

export function bibtexFor(paper: Paper): string {
  const fields: Array<[string, string | null | undefined]> = [
    ['title', paper.title],
    ['author', paper.authors.map((a) => a.name).join(' and ') || null],
    ['year', paper.publishedAt?.slice(0, 4)],
  ];
  if (!isLocalId(paper.id)) {
    fields.push(
      ['eprint', paper.id],
      ['archivePrefix', 'arXiv'],
      ['primaryClass', paper.primaryCategory],
      ['url', `https://arxiv.org/abs/${paper.id}`],
    );
  }
  fields.push(['doi', paper.doi], ['journal', paper.journalRef]);
  const body = fields
    .filter((field): field is [string, string] => typeof field[1] === 'string' && field[1].length > 0)
    .map(([name, value]) => `  ${name} = {${value}}`)
    .join(',\n');
  const kind = paper.journalRef ? 'article' : 'misc';
  return `@${kind}{${citationKey(paper)},\n${body}\n}`;
}
