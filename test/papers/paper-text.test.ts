import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bibtexFor } from '../../src/papers/bibtex.ts';
import type { Paper } from '../../src/papers/paper.ts';
import { foldWhitespace, latexNameToUnicode, normalizeAbstract, repairMojibake } from '../../src/papers/paper-text.ts';

describe('paper text', () => {
  it('folds line breaks and runs of spaces in titles, keeping LaTeX', () => {
    assert.equal(
      foldWhitespace('Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies'),
      'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
    );
    assert.equal(foldWhitespace('  The $\\mathcal{N}=4$\n theory '), 'The $\\mathcal{N}=4$ theory');
  });

  it('unwraps abstracts and keeps their paragraphs', () => {
    const raw = '  First line of a\nparagraph that wraps.\n  Second paragraph\nalso wraps.\n';
    assert.equal(normalizeAbstract(raw), 'First line of a paragraph that wraps.\n\nSecond paragraph also wraps.');
    assert.equal(normalizeAbstract('One.\n\nTwo.'), 'One.\n\nTwo.');
    assert.equal(normalizeAbstract('a\r\nb'), 'a b');
  });

  it('turns LaTeX accents in author names into Unicode', () => {
    assert.equal(latexNameToUnicode("C. Bal\\'azs"), 'C. Balázs');
    assert.equal(latexNameToUnicode('M\\"{u}ller'), 'Müller');
    assert.equal(latexNameToUnicode('\\v{S}koda'), 'Škoda');
    assert.equal(latexNameToUnicode('J\\o rgensen'), 'Jørgensen');
    assert.equal(latexNameToUnicode('Fran\\c{c}ois'), 'François');
    assert.equal(latexNameToUnicode('Plain Name'), 'Plain Name');
  });

  it('repairs UTF-8 read as Latin-1, and leaves proper text alone', () => {
    assert.equal(repairMojibake('Dirk WÃ¼bben'), 'Dirk Wübben');
    assert.equal(repairMojibake('Dirk Wübben'), 'Dirk Wübben');
    assert.equal(repairMojibake('Ã la carte'), 'Ã la carte');
  });
});

describe('bibtex', () => {
  const paper: Paper = {
    pk: 1, id: '0704.0001', version: 2, title: 'Calculation of prompt diphoton production',
    abstract: '', authors: [{ name: 'C. Balázs' }, { name: 'E. L. Berger' }],
    categories: ['hep-ph'], primaryCategory: 'hep-ph', publishedAt: '2007-04-02T19:18:42Z', updatedAt: null,
    doi: '10.1103/PhysRevD.76.013009', journalRef: 'Phys.Rev.D76:013009,2007', comments: null,
    isDemo: false, firstSeenAt: '2026-01-01T00:00:00Z', upvotes: 0, numComments: 0, commenters: 0, trending: 0,
    projectPage: null, codeStars: 0, codeStarsPerDay: 0, hfUpvotes: 0, hasCode: false, hiddenAt: null, featuredAt: null,
  };

  it('writes an entry with eprint, authors, year and DOI', () => {
    const entry = bibtexFor(paper);
    assert.match(entry, /^@article\{balazs2007calculation,/);
    assert.match(entry, /author = \{C\. Balázs and E\. L\. Berger\}/);
    assert.match(entry, /eprint = \{0704\.0001\}/);
    assert.match(entry, /primaryClass = \{hep-ph\}/);
    assert.match(entry, /doi = \{10\.1103\/PhysRevD\.76\.013009\}/);
    assert.match(entry, /\}$/);
  });

  it('leaves arXiv fields out for papers without an arXiv id', () => {
    const entry = bibtexFor({ ...paper, id: 'local-0123456789', journalRef: null, doi: null });
    assert.match(entry, /^@misc\{/);
    assert.doesNotMatch(entry, /eprint/);
  });
});

describe('excerpt', () => {
  it('keeps short texts and cuts long ones at a word, with an ellipsis', async () => {
    const { excerpt } = await import('../../src/papers/paper-text.ts');
    assert.equal(excerpt('short text', 100), 'short text');
    assert.equal(excerpt('We study the gravity of trending papers, carefully.', 30), 'We study the gravity of…');
  });
});

describe('a card\'s first sentence', () => {
  it('ends at the first full stop before a capital, past 40 characters, within the bound', async () => {
    const { firstSentence } = await import('../../src/papers/paper-text.ts');
    assert.equal(firstSentence('We study e.g. The thing in Fig. 3 of the paper at length. Then more follows.', 200), 'We study e.g. The thing in Fig. 3 of the paper at length.');
    assert.equal(firstSentence('Short. Then a long second sentence follows here.', 200), 'Short. Then a long second sentence follows here.');
    assert.equal(firstSentence(`${'word '.repeat(80)}. End.`, 60).endsWith('…'), true, 'a first sentence past the bound is cut');
  });
});
