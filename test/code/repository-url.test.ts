// Code links as arXiv text writes them: LaTeX, wrapped lines, a full stop after the link, paths below the repository.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { findCodeLinks, parseRepositoryUrl } from '../../src/code/repository-url.ts';
import { seedPapers } from '../helpers/paths.ts';

const urls = (text: string) => findCodeLinks(text).repositories.map((r) => r.url);

describe('repository links', () => {
  it('names a repository by its canonical address, whatever path or suffix the link has', () => {
    for (const link of [
      'https://github.com/mlfoundations/model-soups',
      'http://github.com/mlfoundations/model-soups.git',
      'https://www.github.com/mlfoundations/model-soups/tree/main/src',
      'github.com/mlfoundations/model-soups/blob/main/README.md#usage',
      'https://GitHub.com/mlfoundations/model-soups/',
    ]) {
      assert.deepEqual(parseRepositoryUrl(link), { host: 'github', kind: 'repository', owner: 'mlfoundations', name: 'model-soups', url: 'https://github.com/mlfoundations/model-soups' }, link);
    }
    assert.equal(parseRepositoryUrl('https://gitlab.com/research-group/intermittently-faili')?.url, 'https://gitlab.com/research-group/intermittently-faili');
    assert.equal(parseRepositoryUrl('https://codeberg.org/forgejo/forgejo')?.host, 'codeberg');
  });

  it('knows Hugging Face models, datasets and Spaces, and not its other pages', () => {
    assert.deepEqual(parseRepositoryUrl('https://huggingface.co/McmanusChen/MCL-base'), { host: 'huggingface', kind: 'model', owner: 'McmanusChen', name: 'MCL-base', url: 'https://huggingface.co/McmanusChen/MCL-base' });
    assert.equal(parseRepositoryUrl('https://huggingface.co/datasets/allenai/c4')?.url, 'https://huggingface.co/datasets/allenai/c4');
    assert.equal(parseRepositoryUrl('https://huggingface.co/spaces/gradio/hello')?.kind, 'space');
    for (const page of ['https://huggingface.co/papers/2401.00001', 'https://huggingface.co/collections/aurora-m/aurora-m-models-65fd', 'https://huggingface.co/docs/x']) {
      assert.equal(parseRepositoryUrl(page), null, page);
    }
  });

  it('refuses what is not a repository: GitHub’s own pages, other sites, other schemes', () => {
    for (const link of ['https://github.com/topics/transformers', 'https://github.com/orgs/openai', 'https://github.com/owner', 'javascript:alert(1)', 'https://example.org/a/b', 'ftp://github.com/a/b', 'https://github.com/a/..']) {
      assert.equal(parseRepositoryUrl(link), null, link);
    }
  });

  it('finds links in arXiv text: a full stop after, LaTeX around, a line broken inside', () => {
    assert.deepEqual(urls('Code is available at https://github.com/OpenGVLab/M3I-Pretraining. We also'), ['https://github.com/OpenGVLab/M3I-Pretraining']);
    assert.deepEqual(urls('Code: \\url{https://github.com/ExplainableML/fomo\\_in\\_flux}.'), ['https://github.com/ExplainableML/fomo_in_flux']);
    assert.deepEqual(urls('see \\href{https://github.com/gqk/LAE}{our repository}'), ['https://github.com/gqk/LAE']);
    assert.deepEqual(urls('Available at https://github.com/ KevinLight831/CTP and'), ['https://github.com/KevinLight831/CTP']);
    assert.deepEqual(urls('at https://github. com/techmn/satmae_pp.'), ['https://github.com/techmn/satmae_pp']);
    assert.deepEqual(urls('(github.com/a/b), [github.com/a/b] and https://github.com/A/B'), ['https://github.com/a/b'], 'once, whatever the case');
  });

  it('tells project pages from repositories', () => {
    const found = findCodeLinks('Project page: https://owner.github.io/cool-project/. Code: https://github.com/owner/cool-project.');
    assert.deepEqual(found.projectPages, ['https://owner.github.io/cool-project/']);
    assert.deepEqual(found.repositories.map((r) => r.url), ['https://github.com/owner/cool-project']);
  });

  it('finds the repository of every captured abstract that names one', () => {
    const seed = fs.readFileSync(seedPapers, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { abstract: string });
    const found = seed.flatMap((paper) => urls(paper.abstract));
    assert.equal(found.filter((u) => u.startsWith('https://github.com/')).length, 18, 'the 18 GitHub repositories the captured page names');
    assert.ok(found.includes('https://huggingface.co/YiDuo1999/Llama-3-Physician-8B-Instruct'));
  });
});
