// Feeds parsed back and checked against each spec's required elements: Atom (RFC 4287 §4.1), RSS 2.0
// (channel: title, link, description; item: title or description) and JSON Feed 1.1 (version, title, items[].id + content).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { kaggleSample } from '../helpers/paths.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['entry', 'item', 'link', 'author', 'category'].includes(name) });
const isDate = (value: unknown) => !Number.isNaN(Date.parse(String(value)));

type Xml = Record<string, unknown>;

function checkAtom(xml: string, selfUrl: string): Xml[] {
  const feed = parser.parse(xml).feed as Xml;
  assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
  for (const element of ['id', 'title', 'updated']) assert.ok(feed[element], `atom:feed has ${element}`);
  assert.ok(isDate(feed.updated));
  const links = feed.link as Xml[];
  assert.equal(links.find((l) => l['@_rel'] === 'self')?.['@_href'], selfUrl);
  const entries = (feed.entry ?? []) as Xml[];
  const feedHasAuthor = Array.isArray(feed.author) && feed.author.length > 0;
  for (const entry of entries) {
    for (const element of ['id', 'title', 'updated']) assert.ok(entry[element], `atom:entry has ${element}`);
    assert.ok(isDate(entry.updated));
    assert.ok(feedHasAuthor || entry.author, 'an author at feed or entry level');
    assert.ok((entry.link as Xml[]).some((l) => l['@_rel'] === 'alternate'), 'entry links to its page (no content element)');
  }
  return entries;
}

function checkRss(xml: string): Xml[] {
  const rss = parser.parse(xml).rss as Xml;
  assert.equal(rss['@_version'], '2.0');
  const channel = rss.channel as Xml;
  for (const element of ['title', 'link', 'description']) assert.ok(element in channel, `channel has ${element}`);
  const items = (channel.item ?? []) as Xml[];
  for (const item of items) {
    assert.ok(item.title || item.description, 'item has a title or a description');
    assert.ok(!('author' in item) || /@/.test(String(item.author)), 'RSS author is an email address when present');
    assert.ok(isDate(item.pubDate));
  }
  return items;
}

function checkJsonFeed(text: string): Array<Record<string, unknown>> {
  const feed = JSON.parse(text) as Record<string, unknown>;
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(typeof feed.title, 'string');
  const items = feed.items as Array<Record<string, unknown>>;
  assert.ok(Array.isArray(items));
  for (const item of items) {
    assert.equal(typeof item.id, 'string');
    assert.ok(typeof item.content_text === 'string' || typeof item.content_html === 'string', 'item has content');
  }
  return items;
}

describe('feeds', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ services }) => {
      await services.importer.importFile(kaggleSample);
      const { user } = await services.accounts.addUser('ada@example.org', 'user');
      // Ada "submitted" a paper: the submission goes through the service, its date is the test's today.
      await services.community.submit(user, '0704.0001', new Date('2007-04-20T12:00:00Z'));
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
    ['trending', '/feeds/trending', '/trending'],
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
