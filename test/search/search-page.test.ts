// The search page as a reader meets it: how many papers have the words, the query language shown, a pasted abstract
// folded away, stop words left unmarked, "no exact match" said before anything else, and the chosen mode honoured.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemoApp, type RunningApp } from '../helpers/app.ts';

describe('the search page', () => {
  let app: RunningApp;
  before(async () => {
    app = await startDemoApp({ fitted: true }, { RATE_LIMIT_READS: '0', RATE_LIMIT_SEARCHES: '0', PAGE_CACHE_SECONDS: '0' });
  });
  after(() => app.close());
  const page = async (q: string, mode?: string) => (await app.get(`/search?q=${encodeURIComponent(q)}${mode ? `&mode=${mode}` : ''}`)).text();

  it('says how many papers have the words, and shows the query language as links that try it', async () => {
    const html = await page('diffusion', 'keyword');
    const api = (await (await app.get('/api/search?q=diffusion&mode=keyword&limit=100')).json()) as { items: unknown[] };
    assert.match(html, new RegExp(`${api.items.length} papers have these words`));
    for (const example of ['author:', 'cat:', '-word', 'has:code', '&quot;exact phrase&quot;|"exact phrase"']) assert.match(html, new RegExp(example));
  });

  it('marks the words searched, not the stop words among them', async () => {
    const html = await page('the diffusion of models', 'keyword');
    assert.match(html, /<mark>[Dd]iffusion<\/mark>/);
    assert.doesNotMatch(html, /<mark>(the|of|The|Of)<\/mark>/);
  });

  it('folds a pasted abstract under "Papers similar to your text", and honours "words" for it', async () => {
    const abstract = 'We propose a new method for training large language models with reinforcement learning from human feedback, '
      + 'reducing the cost of annotation while keeping the quality of the answers high across many benchmarks and tasks that matter.';
    const html = await page(abstract);
    assert.match(html, /<h1>Papers similar to your text<\/h1>/);
    assert.match(html, /<details class="pasted"><summary>Your text \(\d+ words\)<\/summary>/);
    assert.doesNotMatch(html, /<h1>Results for/);
    const words = await page(abstract, 'keyword');
    assert.match(words, /<strong aria-current="true">words<\/strong>/, 'the mode chosen is the mode that answered');
  });

  it('says first when no paper has every word, then shows what is near', async () => {
    const html = await page('diffusion zzzqqqxxy');
    const notice = html.indexOf('No paper has all of these words');
    assert.ok(notice > 0, 'the notice is there');
    const firstCard = html.indexOf('data-card');
    assert.ok(firstCard === -1 || notice < firstCard, 'before the papers');
  });
});
