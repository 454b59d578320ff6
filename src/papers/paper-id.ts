// arXiv identifiers: parse what people paste (ids, versions, URLs) into the canonical id without version.
import { createHash } from 'node:crypto';

export interface PaperRef {
  /** Canonical id without version: `2401.01234`, `hep-th/9901001`, or a local id. */
  id: string;
  version: number | null;
}

// New style (April 2007 on): YYMM.NNNN until 1412, YYMM.NNNNN from 1501. A version has at most four digits (the most
// revised paper has a few dozen): `v9007199254740993` is no version of anything, not "no version" (it read as v1's page).
const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v([1-9]\d{0,3}))?$/;
// Old style: archive[.SUBJECT-CLASS]/YYMMNNN; the subject class is an alias, not part of the id.
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(?:\.[a-z]{2})?\/(\d{2})(\d{2})(\d{3})(?:v([1-9]\d{0,3}))?$/i;
const LOCAL = /^local-[0-9a-f]{10}$/;
// What may stand before the id in a pasted reference: "arXiv:", or an arxiv.org page of any kind.
const PREFIX = /^(?:arxiv:|(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)\/)/i;

function toVersion(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}

/** Parses an arXiv id, versioned id, `arXiv:` reference or arxiv.org URL; null when it is none of these. */
export function parseArxivId(input: string): PaperRef | null {
  let text = input.trim().replace(PREFIX, '');
  text = text.replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/\.pdf$/i, '');

  const modern = NEW_STYLE.exec(text);
  if (modern) {
    const [, yy, mm, number, version] = modern as unknown as [string, string, string, string, string | undefined];
    const month = Number(mm);
    const yymm = Number(yy + mm);
    if (month < 1 || month > 12 || yymm < 704) return null;
    if ((yymm <= 1412) !== (number.length === 4)) return null;
    return { id: `${yy}${mm}.${number}`, version: toVersion(version) };
  }

  const old = OLD_STYLE.exec(text);
  if (old) {
    const [, archive, yy, mm, number, version] = old as unknown as [string, string, string, string, string, string | undefined];
    const year = Number(yy);
    const month = Number(mm);
    // Old-style ids ran from August 1991 to March 2007.
    if (month < 1 || month > 12 || (year > 7 && year < 91)) return null;
    return { id: `${archive.toLowerCase()}/${yy}${mm}${number}`, version: toVersion(version) };
  }
  return null;
}

// Where else a paper's address is pasted from: a Hugging Face papers page, an alphaXiv page, arXiv's DOI (with or
// without its resolver). What follows is an arXiv id, read as parseArxivId reads it.
const PASTED = /^(?:(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/papers\/|(?:https?:\/\/)?(?:www\.)?alphaxiv\.org\/(?:abs|overview|pdf)\/|(?:https?:\/\/)?(?:dx\.)?(?:doi\.org\/)?(?:doi:)?10\.48550\/arxiv\.)/i;

/**
 * The paper a search box's whole query names, when it is one pasted reference and nothing else: an arXiv id (new or
 * old style, with or without version), an arXiv abs or pdf URL, `10.48550/arXiv.ID`, a Hugging Face papers URL or an
 * alphaXiv URL. Null for anything else (words, several ids).
 */
export function parsePastedPaper(input: string): PaperRef | null {
  const text = input.trim();
  if (!text || text.length > 300 || /\s/.test(text)) return null;
  return parseArxivId(text.replace(PASTED, ''));
}

/** Parses any paper reference the site accepts: an arXiv reference or a local id. */
export function parsePaperRef(input: string): PaperRef | null {
  const text = input.trim();
  if (LOCAL.test(text)) return { id: text, version: null };
  return parseArxivId(text);
}

export function isLocalId(id: string): boolean {
  return LOCAL.test(id);
}

/**
 * A stable id for a paper that has no arXiv id (the demo's captured titles): `local-` and the first
 * ten hex digits of the SHA-256 of its title, lower-cased with white space folded. Same title, same id.
 */
export function localIdFor(title: string): string {
  const key = title.toLowerCase().replace(/\s+/g, ' ').trim();
  return `local-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}
