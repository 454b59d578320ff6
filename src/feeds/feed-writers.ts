// Atom (RFC 4287), RSS 2.0 and JSON Feed 1.1 from one description of a feed. Every text is written as text:
// fast-xml-parser's builder escapes it for XML, and JSON Feed carries `content_text`, never HTML, so a title
// with markup in it stays inert in every reader.
import { XMLBuilder } from 'fast-xml-parser';
import { withoutControlCharacters } from '../control-characters.ts';

export const feedFormats = ['atom', 'rss', 'json'] as const;
export type FeedFormat = (typeof feedFormats)[number];

export const feedContentTypes: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export interface FeedEntry {
  /** A permanent absolute URL: the entry's id (Atom), guid (RSS) and id (JSON Feed). */
  url: string;
  title: string;
  summary: string;
  authors: string[];
  categories: string[];
  published: string | null;
  updated: string;
  /** The paper's main repository: a `related` link (Atom), a line of the description, `_paperboard.code` (JSON Feed). */
  code: { url: string; stars: number | null } | null;
}

export interface FeedDocument {
  title: string;
  description: string;
  /** The page the feed mirrors (absolute URL). */
  homeUrl: string;
  /** The feed's own URL in each format (absolute). */
  selfUrl: Record<FeedFormat, string>;
  updated: string;
  entries: FeedEntry[];
}

const GENERATOR = 'Paperboard';

// XML 1.0 forbids most control characters (arXiv metadata has been seen with them), and a lone surrogate is no
// character at all; bidi overrides are allowed but would reorder a reader's line: all go (control-characters.ts).
const clean = withoutControlCharacters;

// suppressBooleanAttributes is on by default and wrote `isPermaLink="true"` as a bare `isPermaLink`: not XML.
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true, suppressBooleanAttributes: false });

/** An RFC 3339 date-time (Atom, JSON Feed) for a stored date, or the fallback when the stored one is not a date. */
const rfc3339 = (value: string | null, fallback: string) => {
  const ms = Date.parse(value ?? '');
  return Number.isNaN(ms) ? fallback : new Date(ms).toISOString();
};
const xmlDeclaration = { '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' } };

const text = (value: string) => ({ '@_type': 'text', '#text': clean(value) });

/** The summary a reader sees, ending with the code's address when there is code: most readers show no links but one. */
const summaryOf = (e: FeedEntry) => (e.code ? `${e.summary}\n\nCode: ${e.code.url}${e.code.stars !== null ? ` (${e.code.stars.toLocaleString('en')} stars)` : ''}` : e.summary);

export function toAtom(feed: FeedDocument): string {
  const updated = rfc3339(feed.updated, new Date().toISOString());
  return builder.build({
    ...xmlDeclaration,
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      id: feed.selfUrl.atom,
      title: text(feed.title),
      subtitle: text(feed.description),
      updated,
      link: [
        { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': feed.selfUrl.atom },
        { '@_rel': 'alternate', '@_type': 'text/html', '@_href': feed.homeUrl },
      ],
      // Required at feed level when an entry may have no author.
      author: { name: GENERATOR },
      generator: GENERATOR,
      entry: feed.entries.map((e) => ({
        id: e.url,
        title: text(e.title),
        updated: rfc3339(e.updated, updated),
        ...(e.published && !Number.isNaN(Date.parse(e.published)) ? { published: rfc3339(e.published, updated) } : {}),
        link: [
          { '@_rel': 'alternate', '@_type': 'text/html', '@_href': e.url },
          ...(e.code ? [{ '@_rel': 'related', '@_type': 'text/html', '@_title': 'Code', '@_href': e.code.url }] : []),
        ],
        ...(e.authors.length ? { author: e.authors.map((name) => ({ name: clean(name) })) } : {}),
        ...(e.categories.length ? { category: e.categories.map((term) => ({ '@_term': clean(term) })) } : {}),
        summary: text(summaryOf(e)),
      })),
    },
  });
}

export function toRss(feed: FeedDocument): string {
  const rfc822 = (iso: string | null) => new Date(rfc3339(iso, feed.updated)).toUTCString();
  return builder.build({
    ...xmlDeclaration,
    rss: {
      '@_version': '2.0',
      '@_xmlns:atom': 'http://www.w3.org/2005/Atom',
      '@_xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      channel: {
        title: clean(feed.title),
        link: feed.homeUrl,
        description: clean(feed.description),
        'atom:link': { '@_href': feed.selfUrl.rss, '@_rel': 'self', '@_type': 'application/rss+xml' },
        lastBuildDate: rfc822(feed.updated),
        generator: GENERATOR,
        docs: 'https://www.rssboard.org/rss-specification',
        item: feed.entries.map((e) => ({
          title: clean(e.title),
          link: e.url,
          guid: { '@_isPermaLink': 'true', '#text': e.url },
          description: clean(summaryOf(e)),
          // RSS's own <author> must be an email address; Dublin Core's creator takes names.
          ...(e.authors.length ? { 'dc:creator': clean(e.authors.join(', ')) } : {}),
          ...(e.categories.length ? { category: e.categories.map(clean) } : {}),
          pubDate: rfc822(e.published ?? e.updated),
        })),
      },
    },
  });
}

export function toJsonFeed(feed: FeedDocument): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    description: feed.description,
    home_page_url: feed.homeUrl,
    feed_url: feed.selfUrl.json,
    authors: [{ name: GENERATOR }],
    items: feed.entries.map((e) => ({
      id: e.url,
      url: e.url,
      title: e.title,
      content_text: summaryOf(e),
      ...(e.published && !Number.isNaN(Date.parse(e.published)) ? { date_published: rfc3339(e.published, e.updated) } : {}),
      date_modified: rfc3339(e.updated, feed.updated),
      ...(e.authors.length ? { authors: e.authors.map((name) => ({ name })) } : {}),
      ...(e.categories.length ? { tags: e.categories } : {}),
      // JSON Feed's extension mechanism: a key that starts with an underscore, an object with `about`.
      ...(e.code ? { _paperboard: { about: 'https://jsonfeed.org/version/1.1#extensions', code: e.code } } : {}),
    })),
  });
}

export const writeFeed: Record<FeedFormat, (feed: FeedDocument) => string> = { atom: toAtom, rss: toRss, json: toJsonFeed };
