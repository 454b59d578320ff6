// The corpus's own words and how often they occur, for "did you mean": counted over the titles and abstracts of the
// newest papers (what people search for), built on the first query that needs it and again once it is an hour old.
import type { PapersService } from '../papers/papers.service.ts';
import { vocabularyWords } from './spelling.ts';

/** Papers read: enough for the field's vocabulary, a second's work, a few MB kept. */
const SAMPLE_PAPERS = 20_000;
const REBUILD_AFTER_MS = 60 * 60 * 1000;
/** Read in slices, so no long query holds the database. */
const BATCH = 2_000;

export function createVocabulary(papers: PapersService, sample = SAMPLE_PAPERS) {
  let words: Map<string, number> | null = null;
  let builtAt = 0;
  let building: Promise<Map<string, number>> | null = null;

  async function build(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const keys = await papers.newestKeys(sample);
    for (let i = 0; i < keys.length; i += BATCH) {
      for (const text of await papers.textsOf(keys.slice(i, i + BATCH))) {
        for (const word of vocabularyWords(`${text.title} ${text.abstract}`)) counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
    return counts;
  }

  return {
    /** How often each word occurs: a lookup function over the current vocabulary. */
    async frequencies(now = Date.now()): Promise<(word: string) => number> {
      if (!words || now - builtAt > REBUILD_AFTER_MS) {
        building ??= build().finally(() => (building = null));
        words = await building;
        builtAt = now;
      }
      const current = words;
      return (word) => current.get(word) ?? 0;
    },
  };
}

export type Vocabulary = ReturnType<typeof createVocabulary>;
