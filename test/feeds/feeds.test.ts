// Every feed parsed back by a strict XML parser and checked against its spec's rules (test/helpers/feed-validator.ts):
// Atom (RFC 4287), RSS 2.0 and JSON Feed 1.1, with ordinary papers and with text an attacker or a damaged record
// would bring (control characters, markup, "]]>", bidi overrides, characters outside the BMP).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { validateAtom, validateJsonFeed, validateRss, type XmlElement } from '../helpers/feed-validator.ts';
import { kaggleSample } from '../helpers/paths.ts';

const checkAtom = (xml: string, selfUrl: string): XmlElement[] => {
  const entries = validateAtom(xml);
  assert.ok(xml.includes(`rel="self" type="application/atom+xml" href="${selfUrl}"`), `self link ${selfUrl}`);
  return entries;
};
const checkRss = validateRss;
const checkJsonFeed = validateJsonFeed;

describe('feeds', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ services, dir }) => {
      await services.importer.importFile(kaggleSample);
      const { user } = await services.accounts.addUser('ada@example.org', 'user');
      // Ada "submitted" a paper: the submission goes through the service, its date is the test's today.
      await services.community.submit(user, '0704.0001', new Date('2007-04-20T12:00:00Z'));
      // A record as hostile as a snapshot line can be, on a day of its own.
      const file = path.join(dir, 'hostile.jsonl');
      fs.writeFileSync(file, JSON.stringify({
        id: '0704.9999',
        title: 'Nul\u0000 bell\u0007 <script>alert(1)</script> ])> & \u202Eevil\u202C 𝔸 "quoted"',
        abstract: 'Text with ]]> and <![CDATA[ x ]]> and \u0001\u001F and \uFFFE end.',
        authors: [{ name: 'Ｍallory <b>' }, { name: 'Zoë & Co' }],
        categories: ['cs.LG'],
        publishedAt: '2007-04-25T10:00:00Z',
      }));
      await services.importer.importFile(file);
      // A paper with code, its repository counted by Hugging Face.
      const withCode = path.join(dir, 'with-code.jsonl');
      fs.writeFileSync(withCode, JSON.stringify({
        id: '0704.9998', title: 'A paper with code', abstract: 'Code: https://github.com/ada/feeds-demo.',
        authors: [{ name: 'Ada' }], categories: ['cs.LG'], publishedAt: '2007-04-26T10:00:00Z',
      }));
      await services.importer.importFile(withCode);
      await services.code.linkFromHuggingFace([{ id: '0704.9998', githubRepo: 'https://github.com/ada/feeds-demo', githubStars: 1234, projectPage: null }]);
    }, { SUBMIT_MAX_AGE_DAYS: '100000' });
  });
  after(() => app.close());

  const fetchFeed = async (path: string, type: RegExp) => {
    const response = await app.get(path);
    assert.equal(response.status, 200, path);
    assert.match(response.headers.get('content-type') ?? '', type);
    return response.text();
  };

  for (const [name, path, page] of [
    ['a day', '/feeds/day/2007-04-02', '/date/2007-04-02'],
    ['a day with a hostile record', '/feeds/day/2007-04-25', '/date/2007-04-25'],
    ['trending', '/feeds/trending', '/trending'],
    ['trending by code', '/feeds/trending-code', '/trending?by=stars'],
    ['the latest day', '/feeds/latest', '/'],
    ["a member's submissions", '/feeds/u/ada', '/u/ada'],
    ['a search', '/feeds/search', '/search?q=diphoton'],
  ] as const) {
    it(`gives ${name} in Atom, RSS 2.0 and JSON Feed, announced on its page`, async () => {
      const query = name === 'a search' ? '?q=diphoton' : '';
      const atom = checkAtom(await fetchFeed(`${path}.atom${query}`, /application\/atom\+xml/), `http://127.0.0.1:3000${path}.atom`);
      const rss = checkRss(await fetchFeed(`${path}.rss${query}`, /application\/rss\+xml/));
      const json = checkJsonFeed(await fetchFeed(`${path}.json${query}`, /application\/feed\+json/));
      assert.ok(atom.length > 0, 'has entries');
      assert.equal(rss.length, atom.length);
      assert.equal(json.length, atom.length);
      assert.match(String(json[0]?.url), /^http:\/\/127.0.0.1:3000\/papers\//, 'absolute links from PUBLIC_URL');

      const html = await (await app.get(page)).text();
      for (const [type, extension] of [['application/atom+xml', 'atom'], ['application/rss+xml', 'rss'], ['application/feed+json', 'json']]) {
        const href = `${path}.${extension}${query}`.replace(/&/g, '&amp;');
        assert.ok(html.includes(`<link rel="alternate" type="${type}"`) && html.includes(`href="${href}"`), `${page} announces ${href}`);
      }
    });
  }

  it("carries a paper's code: a related link (Atom), a line of the text (all), an extension (JSON Feed)", async () => {
    const atom = await fetchFeed('/feeds/day/2007-04-26.atom', /atom/);
    const [entry] = validateAtom(atom);
    const related = entry?.children.filter((c) => c.name === 'link' && c.attributes.rel === 'related') ?? [];
    assert.deepEqual(related.map((l) => [l.attributes.href, l.attributes.title]), [['https://github.com/ada/feeds-demo', 'Code']]);
    const [item] = validateRss(await fetchFeed('/feeds/day/2007-04-26.rss', /rss/));
    const description = item?.children.find((c) => c.name === 'description')?.text ?? '';
    assert.match(description, /Code: https:\/\/github\.com\/ada\/feeds-demo \(1,234 stars\)$/);
    const [json] = validateJsonFeed(await fetchFeed('/feeds/trending-code.json', /json/));
    assert.deepEqual(json?._paperboard, { about: 'https://jsonfeed.org/version/1.1#extensions', code: { url: 'https://github.com/ada/feeds-demo', stars: 1234 } });
  });

  it('holds the right papers: a member feed lists their submissions', async () => {
    const items = checkJsonFeed(await fetchFeed('/feeds/u/ada.json', /json/));
    assert.deepEqual(items.map((i) => i.id), ['http://127.0.0.1:3000/papers/0704.0001']);
    assert.equal(items[0]?.title, 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies');
  });

  it('answers unknown feeds and formats with a clear 404', async () => {
    const wrong = await app.get('/feeds/trending.xml');
    assert.equal(wrong.status, 404);
    assert.match(await wrong.text(), /\.atom, \.rss or \.json/);
    assert.equal((await app.get('/feeds/u/nobody.atom')).status, 404);
    assert.equal((await app.get('/feeds/day/2007-13-01.atom')).status, 400);
  });
});

describe('LaTeX in feeds', () => {
  it('reaches readers as plain characters', async () => {
    const { plainMath } = await import('../../src/papers/math-text.ts');
    assert.equal(plainMath('On $\\omega$-regular languages in $O(n^2)$ time, Fig.~3'), 'On ω-regular languages in O(n²) time, Fig. 3');
  });
});
