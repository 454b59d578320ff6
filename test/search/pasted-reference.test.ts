// Search finds what people paste (issue 21, point 4): an arXiv id in either style, with or without version, an arXiv
// abs or pdf URL, arXiv's DOI, a Hugging Face papers URL or an alphaXiv URL goes straight to the paper's page (303),
// stored here or not (that page offers to submit it); the API says so beside its results.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { parsePastedPaper } from '../../src/papers/paper-id.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { kaggleSample } from '../helpers/paths.ts';

const forms: Array<[pasted: string, page: string]> = [
  ['0704.0001', '/papers/0704.0001'],
  ['0704.0001v2', '/papers/0704.0001v2'],
  ['arXiv:0704.0001', '/papers/0704.0001'],
  ['https://arxiv.org/abs/0704.0001', '/papers/0704.0001'],
  ['https://arxiv.org/pdf/0704.0001v1', '/papers/0704.0001v1'],
  ['http://export.arxiv.org/abs/0704.0001', '/papers/0704.0001'],
  ['10.48550/arXiv.0704.0001', '/papers/0704.0001'],
  ['https://doi.org/10.48550/arXiv.0704.0001', '/papers/0704.0001'],
  ['https://huggingface.co/papers/0704.0001', '/papers/0704.0001'],
  ['hf.co/papers/0704.0001', '/papers/0704.0001'],
  ['https://www.alphaxiv.org/abs/0704.0001', '/papers/0704.0001'],
  ['https://www.alphaxiv.org/overview/2501.12345', '/papers/2501.12345'],
  ['hep-th/9901001', '/papers/hep-th/9901001'],
  ['https://arxiv.org/abs/hep-th/9901001v2', '/papers/hep-th/9901001v2'],
];

describe('pasted paper references', () => {
  it('reads every form people paste, and nothing that is words', () => {
    for (const [pasted, page] of forms) {
      const ref = parsePastedPaper(`  ${pasted} `);
      assert.ok(ref, pasted);
      assert.equal(`/papers/${ref.id}${ref.version ? `v${ref.version}` : ''}`, page, pasted);
    }
    for (const words of ['quantum gravity', '0704.0001 0704.0002', 'diphoton', 'https://example.org/abs/0704.0001', '2013', 'cs.LG', '']) assert.equal(parsePastedPaper(words), null, words);
  });

  it('never throws, whatever is pasted', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      parsePastedPaper(text);
    }), { numRuns: 500 });
  });

  describe('through the search page and the API', () => {
    let app: RunningApp;
    before(async () => {
      app = await startApp(async ({ services }) => {
        await services.importer.importFile(kaggleSample);
      }, { RATE_LIMIT_SEARCHES: '0', RATE_LIMIT_READS: '0' });
    });
    after(() => app.close());

    it('goes straight to a stored paper, and to the offer to submit one that is not', async () => {
      for (const [pasted, page] of forms) {
        const answer = await app.get(`/search?q=${encodeURIComponent(pasted)}`);
        assert.equal(answer.status, 303, pasted);
        assert.equal(answer.headers.get('location'), page, pasted);
      }
      const stored = await app.get('/papers/0704.0001');
      assert.equal(stored.status, 200);
      const missing = await app.get('/papers/2501.12345');
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /[Ss]ubmit/);
    });

    it('says where the paper is beside the API’s results', async () => {
      const body = (await (await app.get(`/api/search?q=${encodeURIComponent('https://huggingface.co/papers/0704.0001')}`)).json()) as { redirect?: string; items: unknown[] };
      assert.equal(body.redirect, '/papers/0704.0001');
      const words = (await (await app.get('/api/search?q=diphoton')).json()) as { redirect?: string };
      assert.equal(words.redirect, undefined);
    });
  });
});
