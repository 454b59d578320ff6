// `/about`: what this site is, and how the trending score works (the short form of docs/ranking.md).
import { Layout } from '../http/layout.view.tsx';
import { COMMENTER_WEIGHT, TRENDING_EPOCH, type TrendingWeights } from '../papers/trending.ts';

const weight = (w: number) => (w === 0.5 ? '½' : String(w));

export function AboutPage({ weights }: { weights: TrendingWeights }) {
  return (
    <Layout title="About" description="What Paperboard is and how it ranks papers">
      <article class="panel prose">
        <h1>About Paperboard</h1>
        <p>
          Paperboard follows research papers from arXiv. New papers arrive every day; members bring the ones that matter
          (<a href="/submit">submit</a>), upvote them and discuss them, and the feeds follow what the community does.
        </p>
        <h2 id="trending">How trending works</h2>
        {/* Short lines: the whole formula reads on a 390 px phone without scrolling sideways. */}
        <pre tabIndex={0} class="formula"><code>{`points = upvotes
       + ${weight(COMMENTER_WEIGHT)} × commenters
       + ${weight(weights.hfUpvote)} × Hugging Face upvotes
       + ${weight(weights.starPerDay)} × stars a day on its code
score  = log2(1 + points)
       + days from ${TRENDING_EPOCH}
         to the latest listing day`}</code></pre>
        <p>
          <strong>One doubling of (1 + points) is worth one day of freshness.</strong> A paper listed yesterday with 3 upvotes
          ties with one listed today with 1 upvote. Commenters count half an upvote each, and once per person however long
          the thread: discussion shows interest, a long argument does not.
        </p>
        <p>
          This is the form of Reddit's "hot" and Lobsters' hotness rather than Hacker News' gravity: the time term grows for new
          papers instead of shrinking for old ones, so two papers never change order while nothing happens to them. The score is
          therefore stored with each paper and updated when someone votes or comments — the trending page never re-scores the
          whole collection.
        </p>
        <p>
          Upvotes here come first. Signals from elsewhere join them with the weights above, so that a new site with no members
          yet still shows what researchers are reading: a paper's upvotes on Hugging Face's daily papers, and the stars its
          code gained a day over the last week (its main repository: the official one with the most stars). Each card's
          "Why here?" names every signal and its share of the points.
        </p>
        <h3 id="trending-by-code">Trending by code</h3>
        <p>
          <a href="/trending?by=stars">Trending by code</a> orders papers by the star growth of their code alone — stars a day
          over the last 7 days, counted once a day from GitHub (and from Hugging Face's counts) — as Papers with Code did.
        </p>
        <p>Every card on a trending list has a "Why here?" line with its numbers.</p>
        <h2>Feeds and the API</h2>
        <p>
          Every listing has Atom, RSS and JSON feeds (<a href="/feeds/trending.atom">trending</a>,{' '}
          <a href="/feeds/latest.atom">latest day</a>), and the JSON API is described at <a href="/openapi.json">/openapi.json</a>.
        </p>
      </article>
    </Layout>
  );
}
