// The file formats `paperboard import` reads, and how one is recognised from a file's first record.
import { looksLikeKaggle, parseKaggleRecord } from './sources/kaggle.ts';
import { looksLikePaperJson, parsePaperJson } from './sources/paperboard-jsonl.ts';
import type { ParsedRecord } from './sources/record.ts';

export const importFormats = {
  kaggle: parseKaggleRecord,
  jsonl: parsePaperJson,
} satisfies Record<string, (value: unknown) => ParsedRecord>;

export type ImportFormat = keyof typeof importFormats;
export const importFormatNames = Object.keys(importFormats) as ImportFormat[];

export function detectFormat(firstRecord: unknown): ImportFormat | null {
  if (looksLikeKaggle(firstRecord)) return 'kaggle';
  if (looksLikePaperJson(firstRecord)) return 'jsonl';
  return null;
}
