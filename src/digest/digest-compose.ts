// Which papers one subscriber's digest holds, and its subject line.
import { formatDate } from '../feed/period.ts';
import type { CodeLink } from '../code/code.ts';
import type { Paper } from '../papers/paper.ts';
import type { DigestPeriod } from './subscription.ts';

export interface DigestItem {
  paper: Paper;
  /** Why it is here: null for the period's trending papers, else the topic it matched. */
  topic: string | null;
  /** The paper's main repository, when it has code. */
  code?: CodeLink | null;
}

/**
 * The period's top trending papers, then the matches of the subscriber's topics, never a paper they already
 * received, each at most once, up to `count` of each kind. Empty means: send nothing.
 */
export function selectDigestItems(input: {
  trending: readonly Paper[];
  topicMatches: ReadonlyArray<{ topic: string; papers: readonly Paper[] }>;
  alreadySent: ReadonlySet<string>;
  count: number;
}): DigestItem[] {
  const taken = new Set(input.alreadySent);
  const items: DigestItem[] = [];
  const take = (paper: Paper, topic: string | null) => {
    if (taken.has(paper.id)) return false;
    taken.add(paper.id);
    items.push({ paper, topic });
    return true;
  };
  let trending = 0;
  for (const paper of input.trending) if (trending < input.count && take(paper, null)) trending += 1;
  let matched = 0;
  // Round-robin over topics, so one broad topic does not crowd out the others.
  const queues = input.topicMatches.map((t) => ({ topic: t.topic, papers: [...t.papers] }));
  while (matched < input.count && queues.some((q) => q.papers.length > 0)) {
    for (const queue of queues) {
      // Each topic adds one new paper a round: papers already taken are passed over.
      for (let paper = queue.papers.shift(); paper && matched < input.count; paper = queue.papers.shift()) {
        if (take(paper, queue.topic)) {
          matched += 1;
          break;
        }
      }
    }
  }
  return items;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export function digestSubject(period: DigestPeriod, items: readonly DigestItem[]): string {
  const when = period.frequency === 'weekly' ? `week of ${formatDate(`${period.from}T00:00:00Z`)}` : formatDate(`${period.to}T00:00:00Z`);
  const top = items[0]?.paper.title ?? '';
  return `Trending papers, ${when}: ${clip(top, 80)}`;
}
