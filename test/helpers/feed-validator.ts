// Feeds checked as a strict reader would: every XML feed parsed by saxes (a conformant XML 1.0 parser with namespaces:
// it refuses what a lenient parser lets pass, such as control characters, a boolean attribute or an unbound prefix),
// then against the rules of its spec that can be checked offline — Atom (RFC 4287 §4.1), RSS 2.0 (the RSS Advisory
// Board's specification) and JSON Feed 1.1. Each function returns the entries, or throws naming the broken rule.
import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  uri: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses strictly into a small tree; any well-formedness or namespace error throws with its position. */
export function parseXmlStrictly(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('error', (error) => {
    throw new Error(`not well-formed XML: ${error.message}`);
  });
  parser.on('opentag', (tag) => {
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value]));
    const element: XmlElement = { name: tag.local, uri: tag.uri, attributes, children: [], text: '' };
    stack.at(-1)?.children.push(element);
    stack.push(element);
    root ??= element;
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on('cdata', (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

const ATOM = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UT|[+-]\d{4})$/;
const isAbsoluteUrl = (value: string) => /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value);

const children = (element: XmlElement, name: string, uri?: string) =>
  element.children.filter((c) => c.name === name && (uri === undefined || c.uri === uri));

function one(element: XmlElement, name: string, uri: string | undefined, where: string): XmlElement {
  const found = children(element, name, uri);
  assert.equal(found.length, 1, `${where} has exactly one ${name}`);
  return found[0] as XmlElement;
}

function atomText(element: XmlElement, where: string): void {
  const type = element.attributes.type ?? 'text';
  assert.ok(['text', 'html', 'xhtml'].includes(type), `${where}: type is text, html or xhtml`);
}

/** RFC 4287: the feed and each entry's required elements, dates, ids (absolute and unique), links. */
export function validateAtom(xml: string): XmlElement[] {
  const feed = parseXmlStrictly(xml);
  assert.equal(feed.name, 'feed');
  assert.equal(feed.uri, ATOM, 'atom:feed is in the Atom namespace');
  assert.ok(isAbsoluteUrl(one(feed, 'id', ATOM, 'atom:feed').text.trim()), 'atom:feed id is an absolute IRI');
  atomText(one(feed, 'title', ATOM, 'atom:feed'), 'atom:feed title');
  assert.match(one(feed, 'updated', ATOM, 'atom:feed').text.trim(), RFC3339, 'atom:feed updated is an RFC 3339 date-time');
  const links = children(feed, 'link', ATOM);
  assert.ok(links.some((l) => l.attributes.rel === 'self' && isAbsoluteUrl(l.attributes.href ?? '')), 'atom:feed links to itself');
  const feedAuthor = children(feed, 'author', ATOM).length > 0;
  const entries = children(feed, 'entry', ATOM);
  const ids = new Set<string>();
  for (const [i, entry] of entries.entries()) {
    const where = `atom:entry ${i + 1}`;
    const id = one(entry, 'id', ATOM, where).text.trim();
    assert.ok(isAbsoluteUrl(id), `${where}: id is an absolute IRI`);
    assert.ok(!ids.has(id), `${where}: id ${id} is unique`);
    ids.add(id);
    atomText(one(entry, 'title', ATOM, where), `${where} title`);
    assert.match(one(entry, 'updated', ATOM, where).text.trim(), RFC3339, `${where}: updated is an RFC 3339 date-time`);
    for (const published of children(entry, 'published', ATOM)) assert.match(published.text.trim(), RFC3339, `${where}: published`);
    assert.ok(feedAuthor || children(entry, 'author', ATOM).length > 0, `${where}: an author here or on the feed`);
    for (const author of children(entry, 'author', ATOM)) assert.ok(one(author, 'name', ATOM, `${where} author`).text.trim(), `${where}: author has a name`);
    const hasContent = children(entry, 'content', ATOM).length > 0;
    assert.ok(hasContent || children(entry, 'link', ATOM).some((l) => (l.attributes.rel ?? 'alternate') === 'alternate'), `${where}: an alternate link when there is no content`);
    for (const summary of children(entry, 'summary', ATOM)) atomText(summary, `${where} summary`);
    for (const category of children(entry, 'category', ATOM)) assert.ok(category.attributes.term, `${where}: category has a term`);
    for (const link of children(entry, 'link', ATOM)) assert.ok(isAbsoluteUrl(link.attributes.href ?? ''), `${where}: every link has an absolute href`);
  }
  return entries;
}

/** RSS 2.0: one channel with title, link and description; items with a title or description; guids and dates. */
export function validateRss(xml: string): XmlElement[] {
  const rss = parseXmlStrictly(xml);
  assert.equal(rss.name, 'rss');
  assert.equal(rss.attributes.version, '2.0');
  const channel = one(rss, 'channel', '', 'rss');
  for (const name of ['title', 'link', 'description']) one(channel, name, '', 'channel');
  assert.ok(isAbsoluteUrl(one(channel, 'link', '', 'channel').text.trim()), 'channel link is an absolute URL');
  for (const date of [...children(channel, 'lastBuildDate', ''), ...children(channel, 'pubDate', '')]) assert.match(date.text.trim(), RFC822, 'channel dates are RFC 822');
  const items = children(channel, 'item', '');
  const guids = new Set<string>();
  for (const [i, item] of items.entries()) {
    const where = `item ${i + 1}`;
    assert.ok(children(item, 'title', '').length + children(item, 'description', '').length > 0, `${where}: a title or a description`);
    for (const link of children(item, 'link', '')) assert.ok(isAbsoluteUrl(link.text.trim()), `${where}: link is an absolute URL`);
    for (const guid of children(item, 'guid', '')) {
      const value = guid.text.trim();
      assert.ok(value, `${where}: guid has a value`);
      const permalink = guid.attributes.isPermaLink ?? 'true';
      assert.ok(['true', 'false'].includes(permalink), `${where}: isPermaLink is "true" or "false"`);
      if (permalink === 'true') assert.ok(isAbsoluteUrl(value), `${where}: a permalink guid is an absolute URL`);
      assert.ok(!guids.has(value), `${where}: guid ${value} is unique`);
      guids.add(value);
    }
    for (const date of children(item, 'pubDate', '')) assert.match(date.text.trim(), RFC822, `${where}: pubDate is RFC 822`);
    for (const author of children(item, 'author', '')) assert.match(author.text, /@/, `${where}: author is an email address`);
    for (const category of children(item, 'category', '')) assert.ok(category.text.trim(), `${where}: category has text`);
  }
  return items;
}

/** JSON Feed 1.1: version, title, absolute URLs, items with a unique id and content, RFC 3339 dates. */
const JSON_FEED_ITEM_KEYS = new Set([
  'id', 'url', 'external_url', 'title', 'content_html', 'content_text', 'summary', 'image', 'banner_image',
  'date_published', 'date_modified', 'authors', 'author', 'tags', 'language', 'attachments',
]);

export function validateJsonFeed(text: string): Array<Record<string, unknown>> {
  const feed = JSON.parse(text) as Record<string, unknown>;
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(typeof feed.title, 'string');
  for (const key of ['home_page_url', 'feed_url']) if (key in feed) assert.ok(isAbsoluteUrl(String(feed[key])), `${key} is an absolute URL`);
  const items = feed.items as Array<Record<string, unknown>>;
  assert.ok(Array.isArray(items), 'items is an array');
  const ids = new Set<string>();
  for (const [i, item] of items.entries()) {
    const where = `item ${i + 1}`;
    assert.equal(typeof item.id, 'string', `${where}: id is a string`);
    assert.ok(!ids.has(item.id as string), `${where}: id is unique`);
    ids.add(item.id as string);
    assert.ok(typeof item.content_text === 'string' || typeof item.content_html === 'string', `${where}: content_text or content_html`);
    if ('url' in item) assert.ok(isAbsoluteUrl(String(item.url)), `${where}: url is absolute`);
    for (const [key, value] of Object.entries(item)) {
      // Extensions start with an underscore and are objects; anything else must be a key the spec names.
      if (key.startsWith('_')) assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${where}: extension ${key} is an object`);
      else assert.ok(JSON_FEED_ITEM_KEYS.has(key), `${where}: ${key} is not a JSON Feed 1.1 item key`);
    }
    for (const key of ['date_published', 'date_modified']) if (key in item) assert.match(String(item[key]), RFC3339, `${where}: ${key} is RFC 3339`);
    if ('authors' in item) {
      assert.ok(Array.isArray(item.authors), `${where}: authors is an array`);
      for (const author of item.authors as Array<Record<string, unknown>>) assert.equal(typeof author.name, 'string', `${where}: author has a name`);
    }
  }
  return items;
}
