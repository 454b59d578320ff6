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

/**
 * A field's value with its braces balanced: BibTeX ends a `{…}` value at the first unmatched `}` whatever precedes it,
 * so a title ending in `}` once broke out of its field and into the entry. Braces that pair up are LaTeX (`{GPT}`
 * keeps its capitals) and stay; unmatched ones become `\textbraceright{}`/`\textbraceleft{}`. LaTeX's own literal
 * braces (`\{`, `\}`) and a final backslash, which parsers read as escaping the closing brace, are spelled out too.
 */
export function balanceBraces(value: string): string {
  const spelled = value
    .replace(/\\\{/g, '\\textbraceleft{}')
    .replace(/\\\}/g, '\\textbraceright{}')
    .replace(/\\+$/, (slashes) => '\\textbackslash{}'.repeat(slashes.length));
  const out: string[] = [];
  const open: number[] = []; // positions in `out` of `{` not closed yet
  for (const char of spelled) {
    if (char === '{') open.push(out.push(char) - 1);
    else if (char === '}') out.push(open.pop() === undefined ? '\\textbraceright{}' : char);
    else out.push(char);
  }
  for (const at of open) out[at] = '\\textbraceleft{}';
  return out.join('');
}

/**
 * TeX primitives that read or write files or redefine the language: harmless in a title to BibTeX itself, but a
 * reference manager's LaTeX run would obey them (`\input{/etc/passwd}`). Spelled out as text.
 */
const DANGEROUS = /\\(input|include|openin|openout|read|write|immediate|csname|endcsname|catcode|def|edef|gdef|xdef|let|newcommand|renewcommand|usepackage|special|jobname|loop)(?![A-Za-z])/g;

function neutralised(value: string): string {
  return value.replace(DANGEROUS, '\\textbackslash{}$1');
}

/** An author for BibTeX's list: a name holding the word "and" (or braces BibTeX would read) is braced whole, so it stays one author. */
function authorField(name: string): string {
  return /\sand\s/i.test(name) ? `{${name}}` : name;
}

/**
 * The entry for a paper. `maxAuthors` names that many and ends with "and others" (BibTeX's own way to cut a list):
 * what the paper page shows of a collaboration's thousands of names.
 */
export function bibtexFor(paper: Paper, options: { maxAuthors?: number } = {}): string {
  const names = paper.authors.map((a) => a.name);
  const cut = options.maxAuthors !== undefined && names.length > options.maxAuthors;
  const authors = cut ? [...names.slice(0, options.maxAuthors).map(authorField), 'others'] : names.map(authorField);
  const fields: Array<[string, string | null | undefined]> = [
    ['title', paper.title],
    ['author', authors.join(' and ') || null],
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
    .map(([name, value]) => `  ${name} = {${balanceBraces(neutralised(value))}}`)
    .join(',\n');
  const kind = paper.journalRef ? 'article' : 'misc';
  return `@${kind}{${citationKey(paper)},\n${body}\n}`;
}
