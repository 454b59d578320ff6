import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCommentMarkdown } from '../../src/community/markdown.ts';

describe('comment markdown', () => {
  it('renders the subset: emphasis, code, quotes, lists, links', () => {
    const html = renderCommentMarkdown('*nice* and **bold** `x = 1`\n\n> quoted\n\n- one\n- two\n\n[paper](https://arxiv.org/abs/2401.01234)');
    assert.match(html, /<em>nice<\/em>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<code>x = 1<\/code>/);
    assert.match(html, /<blockquote>/);
    assert.match(html, /<li>one<\/li>/);
    assert.match(html, /<a href="https:\/\/arxiv.org\/abs\/2401.01234" rel="nofollow ugc noopener">paper<\/a>/);
  });

  it('links bare URLs, marked as user content', () => {
    assert.match(renderCommentMarkdown('see https://example.org/x'), /<a href="https:\/\/example.org\/x" rel="nofollow ugc noopener">/);
  });

  it('never lets raw HTML through', () => {
    const html = renderCommentMarkdown('<script>alert(1)</script> "><img src=x onerror=alert(1)> <b>b</b>');
    assert.doesNotMatch(html, /<script|<img|<b>/);
    assert.match(html, /&lt;script&gt;/);
  });

  it('drops images, headings and dangerous link schemes', () => {
    const html = renderCommentMarkdown('# Title\n\n![x](https://example.org/x.png)\n\n[click](javascript:alert(1)) [data](data:text/html,hi)');
    assert.doesNotMatch(html, /<h1|<img|href="javascript|href="data/);
  });
});
