// arXiv's daily listing feeds (rss.arxiv.org, RSS 2.0 or Atom): which ids were announced, and how.
import { parseArxivId } from '../../papers/paper-id.ts';
import { parseXmlDocument, textOf } from './xml.ts';

export type AnnounceType = 'new' | 'cross' | 'replace' | 'replace-cross';

export interface Announcement {
  id: string;
  announceType: AnnounceType;
}

interface RawItem {
  guid?: unknown;
  id?: unknown;
  link?: unknown;
  announce_type?: unknown;
}

/** The item's arXiv id, from its guid/id ("oai:arXiv.org:2402.00001v1") or its abstract link. */
function idOf(item: RawItem): string | null {
  const links = Array.isArray(item.link) ? item.link : [item.link];
  const candidates = [textOf(item.guid), textOf(item.id), ...links.map((l) => textOf(l) ?? (l as { '@href'?: string } | undefined)?.['@href'] ?? null)];
  for (const candidate of candidates) {
    const ref = candidate ? parseArxivId(candidate.replace(/^oai:arXiv\.org:/i, '')) : null;
    if (ref) return ref.id;
  }
  return null;
}

export function parseArxivListing(url: string, body: string): Announcement[] {
  const doc = parseXmlDocument(url, body) as { rss?: { channel?: { item?: RawItem | RawItem[] } }; feed?: { entry?: RawItem[] } };
  const channelItems = doc.rss?.channel?.item;
  const items: RawItem[] = doc.feed ? (doc.feed.entry ?? []) : Array.isArray(channelItems) ? channelItems : channelItems ? [channelItems] : [];
  if (!doc.feed && !doc.rss) throw new Error(`${url}: neither an RSS nor an Atom feed`);
  const seen = new Map<string, Announcement>();
  for (const item of items) {
    const id = idOf(item);
    if (!id || seen.has(id)) continue;
    const type = (textOf(item.announce_type) ?? 'new').trim() as AnnounceType;
    seen.set(id, { id, announceType: type });
  }
  return [...seen.values()];
}
