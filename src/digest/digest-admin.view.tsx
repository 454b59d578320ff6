// The digest on /admin: subscriptions by status, the outbox (queued, sent, failed) and its latest rows, the runs.
import type { DigestOverview } from './digest.service.ts';

const time = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 19) : '');

export function DigestAdmin({ overview }: { overview: DigestOverview }) {
  const count = (counts: Record<string, number>, key: string) => counts[key] ?? 0;
  return (
    <section aria-labelledby="digest-heading">
      <h2 id="digest-heading">Digest</h2>
      <p>
        Subscriptions: {count(overview.subscriptionCounts, 'active')} active, {count(overview.subscriptionCounts, 'pending')} waiting for confirmation,{' '}
        {count(overview.subscriptionCounts, 'paused')} paused, {count(overview.subscriptionCounts, 'suspended')} suspended,{' '}
        {count(overview.subscriptionCounts, 'unsubscribed')} unsubscribed.
      </p>
      <p>
        {/* Calm when nothing is wrong: a count is marked only when it is not zero. */}
        Outbox: {count(overview.outboxCounts, 'queued')} queued, {count(overview.outboxCounts, 'sent')} sent,{' '}
        <span class={count(overview.outboxCounts, 'failed') > 0 ? 'status-failed' : undefined}>{count(overview.outboxCounts, 'failed')} failed</span>.
      </p>
      <h3>Runs</h3>
      {overview.runs.length === 0 ? (
        <p class="empty">No digest has run yet. Try <code>npx paperboard digest send --dry-run</code>.</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead><tr><th scope="col">Period</th><th scope="col">Started</th><th scope="col">Status</th><th scope="col">Composed</th><th scope="col">Nothing new</th><th scope="col">Sent</th><th scope="col">Failed</th><th scope="col">Error</th></tr></thead>
            <tbody>
              {overview.runs.map((r) => (
                <tr><td>{r.period}</td><td>{time(r.started_at)}</td><td class={`status-${r.status}`}>{r.status}</td><td>{r.composed}</td><td>{r.nothing_new}</td><td>{r.sent}</td><td>{r.failed}</td><td>{r.error ?? ''}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Latest messages</h3>
      {overview.latest.length === 0 ? (
        <p class="empty">The outbox is empty.</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead><tr><th scope="col">#</th><th scope="col">To</th><th scope="col">Period</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Sent</th><th scope="col">Message id / reason</th></tr></thead>
            <tbody>
              {overview.latest.map((o) => (
                <tr>
                  <td>{o.id}</td><td>{o.email}</td><td>{o.period}</td>
                  <td class={`status-${o.status === 'sent' ? 'succeeded' : o.status === 'failed' ? 'failed' : 'running'}`}>{o.status}</td>
                  <td>{o.attempts}</td><td>{time(o.sent_at)}</td><td>{o.status === 'sent' ? o.message_id : (o.error ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
