// "For you": papers near what the member upvoted, each with the reason and a "not interested" button.
import { MathText } from '../papers/math-text.view.tsx';
import type { LearnedFrom } from './for-you.service.ts';
import { PaperCard, type CardCommunity } from '../papers/paper-card.view.tsx';
import { CsrfField } from '../http/components/csrf-field.view.tsx';
import { Layout } from '../http/layout.view.tsx';
import type { ForYouItem } from './for-you.service.ts';

/** "your 3 upvotes and 2 saved topics", "your upvote": what the feed learned from, as it is. */
function learnedFrom({ upvotes, topics }: LearnedFrom): string {
  const parts = [
    ...(upvotes > 0 ? [upvotes === 1 ? 'your upvote' : `your ${upvotes} latest upvotes`] : []),
    ...(topics > 0 ? [topics === 1 ? 'your saved topic' : `your ${topics} saved topics`] : []),
  ];
  return parts.join(' and ');
}

export function ForYouPage({ items, basedOn, ready, cards }: { items: ForYouItem[]; basedOn: LearnedFrom; ready: boolean; cards: Map<string, CardCommunity> }) {
  const learned = basedOn.upvotes + basedOn.topics;
  return (
    <Layout title="For you">
      <header class="feed-header">
        <div>
          <p class="feed-kicker">For you</p>
          <h1>Papers near what you upvoted</h1>
          <p class="muted">
            {learned > 0 ? `Learned from ${learnedFrom(basedOn)}. "Not interested" hides a paper and pushes papers like it down.` : null}
          </p>
        </div>
      </header>
      {!ready ? <p class="empty">Search by meaning is not set up on this site yet (an operator runs <code>paperboard reindex</code>).</p> : null}
      {ready && learned === 0 ? <p class="empty">Upvote a few papers you like, and papers near them will show up here.</p> : null}
      <div class="cards">
        {items.map((item) => (
          <div class="for-you-item">
            <PaperCard paper={item.paper} community={cards.get(item.paper.id)} />
            <div class="for-you-why">
              {item.because ? <span>Near papers you upvoted: <a href={`/papers/${item.because.id}`}><MathText text={item.because.title} /></a></span> : null}
              {item.topic ? <span>Matches your topic “{item.topic}”</span> : null}
              <form class="inline-form" action={`/papers/${item.paper.id}/not-interested`} method="post">
                <CsrfField />
                <button type="submit" class="link-button">Not interested</button>
              </form>
            </div>
          </div>
        ))}
      </div>
    </Layout>
  );
}
