// The Embedder port: text in, unit vectors out. The default is fitted on the corpus itself (LSA, lsa.ts), so it
// works on a fresh machine with no model download and no network.
import { contentTokens } from './text-tokens.ts';
import { embedWith, type LsaModel } from './lsa.ts';

export interface Embedder {
  /** Names the vector space: vectors from two embedders never mix. */
  readonly name: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/**
 * What of a paper is embedded: the title twice (people remember papers by their titles), the abstract, and its
 * arXiv categories as words ("hep-ph" reads "hep ph"): the field a paper is filed under is part of what it is
 * about, and papers filed near each other share that much meaning even when their words differ.
 */
export function paperText(paper: { title: string; abstract: string; categories?: readonly string[] }): string {
  return `${paper.title}. ${paper.title}. ${paper.abstract} ${(paper.categories ?? []).join(' ')}`;
}

export function lsaEmbedder(model: LsaModel): Embedder {
  const index = new Map(model.vocabulary.map((t, j) => [t, j]));
  return {
    name: 'lsa',
    dimensions: model.dimensions,
    async embed(texts) {
      return texts.map((text) => embedWith(model, index, contentTokens(text)));
    },
  };
}
