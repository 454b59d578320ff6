// The "for you" ranking (pure): a member's taste is the average direction of the papers they upvoted; a paper ranks
// by how near it lies to that taste, minus half its nearness to what they marked "not interested".

export const DISLIKE_WEIGHT = 0.5;

const dot = (a: Float32Array, b: Float32Array) => {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i] as number) * (b[i] as number);
  return sum;
};

/** The unit-length mean of vectors; null for none. */
export function centroid(vectors: readonly Float32Array[]): Float32Array | null {
  const first = vectors[0];
  if (!first) return null;
  const sum = new Float32Array(first.length);
  for (const v of vectors) for (let i = 0; i < v.length; i += 1) sum[i]! += v[i] as number;
  const norm = Math.sqrt(dot(sum, sum));
  if (norm === 0) return null;
  return sum.map((x) => x / norm);
}

export interface Scored {
  pk: number;
  score: number;
  /** The upvoted paper it is nearest to: the reason shown. */
  nearestLiked: number | null;
}

export function rankForYou(input: {
  candidates: ReadonlyMap<number, Float32Array>;
  liked: ReadonlyMap<number, Float32Array>;
  disliked: ReadonlyMap<number, Float32Array>;
}): Scored[] {
  const taste = centroid([...input.liked.values()]);
  if (!taste) return [];
  const aversion = centroid([...input.disliked.values()]);
  const scored: Scored[] = [];
  for (const [pk, v] of input.candidates) {
    if (input.liked.has(pk) || input.disliked.has(pk)) continue;
    let nearestLiked: number | null = null;
    let best = -Infinity;
    for (const [likedPk, l] of input.liked) {
      const similarity = dot(v, l);
      if (similarity > best) [best, nearestLiked] = [similarity, likedPk];
    }
    scored.push({ pk, score: dot(v, taste) - (aversion ? DISLIKE_WEIGHT * dot(v, aversion) : 0), nearestLiked });
  }
  return scored.sort((a, b) => b.score - a.score || b.pk - a.pk);
}
