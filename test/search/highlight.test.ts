import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { highlightsToHtml, markText, snippet, splitHighlights, wordMatcher } from '../../src/search/highlight.ts';
import { parseSearchQuery } from '../../src/search/query.ts';

const matcher = (q: string) => wordMatcher(parseSearchQuery(q).terms);
const show = (marked: string) => marked.replaceAll('\u0002', '[').replaceAll('\u0003', ']');

describe('highlighting', () => {
  it('marks words of the query, their inflections and prefix matches, accent-blind', () => {
    assert.equal(show(markText('Training trained models for Balázs', matcher('train model balazs'))), '[Training] [trained] [models] for [Balázs]');
    assert.equal(show(markText('Transformers transform translation', matcher('transf*'))), '[Transformers] [transform] translation');
    assert.equal(show(markText('Large language models', matcher('"language models"'))), 'Large [language] [models]');
  });

  it('picks the part of a long abstract with the most hits', () => {
    const text = `${'filler '.repeat(100)}the quokka is a marsupial and a quokka smiles ${'more '.repeat(100)}`.trim();
    const marked = snippet(text, matcher('quokka'), 20);
    assert.match(show(marked), /^….*\[quokka\].*\[quokka\].*…$/);
    assert.ok(splitHighlights(marked).filter((s) => s.hit).length === 2);
    assert.equal(snippet('short text', matcher('x')), 'short text');
  });

  it('escapes HTML around the marks for JSON clients', () => {
    assert.equal(highlightsToHtml(markText('<b>quokka</b> & co', matcher('quokka'))), '&lt;b&gt;<mark>quokka</mark>&lt;/b&gt; &amp; co');
  });
});
