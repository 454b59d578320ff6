// Which papers one subscriber's digest holds, and its subject line.
import { formatDate } from '../time.ts';
import type { CodeLink } from '../code/code.ts';
import type { Paper } from '../papers/paper.ts';
import type { DigestPeriod } from './subscription.ts';
import { plainMath } from '../papers/math-text.ts';
import { excerpt } from '../papers/paper-text.ts';

export interface DigestItem {
  paper: Paper;
  /** Why it is here: null for the period's trending papers, else the topic it matched. */
  topic: string | null;
  /** The paper's main repository, when it has code. */
  code?: CodeLink | null;
  /** Hugging Face's one-line summary, when it wrote one. */
  summary?: string | null;
}

/**
 * Worth a line in a digest as "trending": something happened to it (an upvote here or on Hugging Face, a commenter,
 * stars on its code). A quiet period sends fewer papers rather than padding with papers nobody noticed.
 */
export function isNotable(paper: Paper): boolean {
  return paper.upvotes > 0 || paper.hfUpvotes > 0 || paper.commenters > 0 || paper.codeStarsPerDay > 0;
}

/**
 * The period's top trending papers that something happened to (isNotable: a cut-off, not padding), then the matches
 * of the subscriber's topics, never a paper they already received, each at most once, up to `count` of each kind.
 * Empty means: send nothing (so does a period with nothing trending, for a subscriber who skips those).
 */
export function selectDigestItems(input: {
  trending: readonly Paper[];
  topicMatches: ReadonlyArray<{ topic: string; papers: readonly Paper[] }>;
  alreadySent: ReadonlySet<string>;
  count: number;
  /** The subscriber skips days with nothing notable: no trending paper, no digest (topic matches alone send none). */
  skipQuiet?: boolean;
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
  for (const paper of input.trending) if (trending < input.count && isNotable(paper) && take(paper, null)) trending += 1;
  if (trending === 0 && input.skipQuiet) return [];
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


/** "4 Dec 2026" or "the week of 30 Nov 2026": what the subject and the heading date the digest by. */
export function digestWhen(period: DigestPeriod): string {
  return period.frequency === 'weekly' ? `the week of ${formatDate(`${period.from}T00:00:00Z`)}` : formatDate(`${period.to}T00:00:00Z`);
}

/** "Trending 4 Dec 2026: REST: Stress Testing Large Reasoning Models… and 4 more", plain text. */
export function digestSubject(period: DigestPeriod, items: readonly DigestItem[]): string {
  const top = plainMath(items[0]?.paper.title ?? '');
  const more = items.length > 1 ? ` and ${items.length - 1} more` : '';
  return `Trending ${digestWhen(period)}: ${excerpt(top, 80)}${more}`;
}

/** The digest's one-line summary: "5 papers trending today, 2 on your topics". */
export function digestSummary(period: DigestPeriod, items: readonly DigestItem[]): string {
  const trending = items.filter((i) => i.topic === null).length;
  const topics = items.length - trending;
  const when = period.frequency === 'weekly' ? 'this week' : 'today';
  const parts = [
    trending > 0 ? `${trending} ${trending === 1 ? 'paper' : 'papers'} trending ${when}` : `Nothing new trending ${when}`,
    ...(topics > 0 ? [`${topics} on your topics`] : []),
  ];
  return parts.join(', ');
}
