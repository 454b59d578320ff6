// One XML parser setup for arXiv's Atom and OAI-PMH: text kept as text (ids like 0704.0010 are not numbers).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const ALWAYS_LISTS = new Set(['entry', 'author', 'affiliation', 'category', 'link', 'record', 'header', 'setSpec', 'set', 'metadataFormat']);

export const arxivXmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ALWAYS_LISTS.has(name),
});

/** The text of an element that may carry attributes (`{ '#text': … }`) or be absent. */
export function textOf(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && '#text' in node) return String((node as { '#text': unknown })['#text']);
  return null;
}

export class MalformedXmlError extends Error {
  constructor(
    readonly url: string,
    readonly line: number,
    readonly column: number,
    reason: string,
  ) {
    super(`${url}: malformed XML at line ${line}, column ${column}: ${reason}`);
    this.name = 'MalformedXmlError';
  }
}

/** Parses a response body, or throws naming the URL and where the XML broke; nothing half-read escapes. */
export function parseXmlDocument(url: string, body: string): unknown {
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new MalformedXmlError(url, valid.err.line, valid.err.col, valid.err.msg);
  return arxivXmlParser.parse(body);
}

/** The texts of a repeated element ('affiliation'), blank ones left out. */
export function textsOf(nodes: unknown): string[] {
  const list = Array.isArray(nodes) ? nodes : nodes === undefined ? [] : [nodes];
  return list.map((n) => textOf(n)?.replace(/\s+/g, ' ').trim() ?? '').filter(Boolean);
}
