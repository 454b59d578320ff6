// BibTeX entries read back by a real BibTeX parser (bibtex-parse): whatever a title holds, an entry stays one entry
// with the fields it was given.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import bibtexParse from 'bibtex-parse';
import fc from 'fast-check';
import { balanceBraces, bibtexFor } from '../../src/papers/bibtex.ts';
import type { Paper } from '../../src/papers/paper.ts';

const paper = (fields: Partial<Paper>): Paper => ({
  pk: 1, id: '2611.00001', version: 1, title: 'A title', abstract: '', authors: [{ name: 'Ada Lovelace' }], categories: ['cs.LG'],
  primaryCategory: 'cs.LG', publishedAt: '2026-11-20T00:00:00Z', updatedAt: null, doi: null, journalRef: null, comments: null,
  isDemo: false, firstSeenAt: '', upvotes: 0, numComments: 0, commenters: 0, trending: 0, projectPage: null, codeStars: 0, codeStarsPerDay: 0, hfUpvotes: 0, hasCode: false, hiddenAt: null, featuredAt: null, ...fields,
});

describe('BibTeX', () => {
  it('keeps a hostile title inside its field', () => {
    const title = 'Evil}, author = {Mallory}, note = {@misc{x, title = {';
    const [entry, ...others] = bibtexParse.entries(bibtexFor(paper({ title, journalRef: 'J. }{ 1' })));
    assert.equal(others.length, 0, 'one entry');
    assert.equal(entry?.AUTHOR, 'Ada Lovelace');
    assert.equal(entry?.NOTE, undefined, 'no field smuggled in');
    assert.match(entry?.TITLE ?? '', /^Evil\\textbraceright.*author = .*Mallory.*note = .*@misc/, 'the whole title stays the title');
    assert.equal(balanceBraces('a}b{c'), 'a\\textbraceright{}b\\textbraceleft{}c');
  });

  it('keeps braces that pair up (LaTeX), and names a collaboration’s first authors and others', () => {
    const text = bibtexFor(paper({ title: '{GPT}-4 on {LaTeX}', authors: Array.from({ length: 500 }, (_, i) => ({ name: `Member ${i}` })) }), { maxAuthors: 3 });
    assert.match(text, /title = \{\{GPT\}-4 on \{LaTeX\}\}/);
    const [entry] = bibtexParse.entries(text);
    assert.equal(entry?.TITLE, 'GPT-4 on LaTeX', 'the parser reads the protected words');
    assert.equal(entry?.AUTHOR, 'Member 0 and Member 1 and Member 2 and others');
  });

  it('parses back for any title and authors (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }), (title, names) => {
        const authors = names.map((name) => ({ name: name.replace(/\s+/g, ' ').trim() || 'X' }));
        const entries = bibtexParse.entries(bibtexFor(paper({ title: title.replace(/\s+/g, ' ').trim() || 'T', authors })));
        assert.equal(entries.length, 1);
      }),
      { numRuns: 300 },
    );
  });
});
