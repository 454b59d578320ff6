// The operators' page: moderation (comments, papers, the logs; members for admins), recent ingest runs and scheduled
// jobs (admins).
import type { QueuedComment } from '../community/comments.service.ts';
import { ModerationNotice, ModerationQueue, ModerationSections, type ModerationOverview } from '../community/moderation.view.tsx';
import type { ModerationAction } from '../community/moderation.ts';
import type { IngestRunRow } from '../ingest/ingest-runs.service.ts';
import { DigestAdmin } from '../digest/digest-admin.view.tsx';
import type { DigestOverview } from '../digest/digest.service.ts';
import type { JobRunRow } from '../jobs/jobs.service.ts';
import { Layout } from '../http/layout.view.tsx';

const seconds = (from: string, to: string | null) => (to ? `${((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1)} s` : 'running');

export interface AdminPageProps {
  queue: { flagged: QueuedComment[]; hidden: QueuedComment[] };
  /** Operations are for admins; moderators see the queue, papers and logs. */
  operations: Operations | null;
  moderation: ModerationOverview;
  /** What the form just sent did, said back. */
  said: { action: ModerationAction; subject: string } | null;
  unchanged: string | null;
}

/** The hour's mail as the mail budget reports it (its usage()): what the page draws of it. */
interface MailUsage {
  limit: number;
  strangersLimit: number;
  mails: number;
  strangers: number;
  busiestNetworks: Array<{ network: string; mails: number }>;
}

/** What the site holds, for the operator's commands: the demo to remove, papers to bring. */
interface PaperCounts {
  total: number;
  demo: number;
  catchingUp: { papers: number; step: string | null } | null;
}

interface Operations {
  papers: PaperCounts;
  ingestRuns: IngestRunRow[];
  jobRuns: JobRunRow[];
  digest: DigestOverview;
  mail: MailUsage;
}

export function AdminPage({ queue, operations, moderation, said, unchanged }: AdminPageProps) {
  return (
    <Layout title="Admin">
      <header class="feed-header">
        <div>
          <p class="feed-kicker">Operations</p>
          <h1>Admin</h1>
        </div>
      </header>
      <ModerationNotice said={said} unchanged={unchanged} />
      <ModerationQueue flagged={queue.flagged} hidden={queue.hidden} />
      <ModerationSections overview={moderation} />
      {operations ? <Operations {...operations} /> : null}
    </Layout>
  );
}

function Operations({ papers, ingestRuns, jobRuns, digest, mail }: Operations) {
  return (
    <>
      <PapersSection counts={papers} />
      <MailBudgetSection usage={mail} />
      <DigestAdmin overview={digest} />
      <section aria-labelledby="ingest-heading">
        <h2 id="ingest-heading">Ingest runs</h2>
        {ingestRuns.length === 0 ? (
          <p class="empty">No ingest has run yet. Try <code>npx paperboard ingest arxiv-rss</code>.</p>
        ) : (
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr><th scope="col">#</th><th scope="col">Source</th><th scope="col">Started</th><th scope="col">Took</th><th scope="col">Status</th><th scope="col">Imported</th><th scope="col">Updated</th><th scope="col">Rejected</th><th scope="col">Error</th></tr>
              </thead>
              <tbody>
                {ingestRuns.map((run) => (
                  <tr>
                    <td>{run.id}</td><td>{run.source}</td><td><time dateTime={run.started_at}>{run.started_at.replace('T', ' ').slice(0, 19)}</time></td>
                    <td>{seconds(run.started_at, run.finished_at)}</td><td class={`status-${run.status}`}>{run.status}</td>
                    <td>{run.imported}</td><td>{run.updated}</td><td>{run.rejected}</td><td>{run.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">Scheduled jobs</h2>
        {jobRuns.length === 0 ? (
          <p class="empty">No scheduled job has run yet.</p>
        ) : (
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr><th scope="col">Job</th><th scope="col">Scheduled for</th><th scope="col">Instance</th><th scope="col">Status</th><th scope="col">Took</th><th scope="col">Error</th></tr>
              </thead>
              <tbody>
                {jobRuns.map((run) => (
                  <tr>
                    <td>{run.job}</td><td>{run.scheduled_for.replace('T', ' ').slice(0, 16)}</td><td>{run.holder}</td>
                    <td class={`status-${run.status}`}>{run.status}</td><td>{seconds(run.started_at, run.finished_at)}</td><td>{run.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** The hour's mail budget: how much is spent, how much by addresses never signed in, and the networks asking most. */
function MailBudgetSection({ usage }: { usage: MailUsage }) {
  const busy = usage.strangers >= usage.strangersLimit * 0.5 || usage.mails >= usage.limit * 0.5;
  return (
    <section aria-labelledby="mail-budget-heading">
      <h2 id="mail-budget-heading">Mail this hour</h2>
      <p class={busy ? 'notice' : undefined}>
        {usage.mails} of {usage.limit} mails asked for in the last hour; {usage.strangers} of {usage.strangersLimit} to addresses that never signed in
        {busy ? ' — the budget is being spent: look at the networks below.' : '.'}
      </p>
      {usage.busiestNetworks.length > 0 ? (
        <ul>
          {usage.busiestNetworks.map((n) => (
            <li><code>{n.network}</code>: {n.mails}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The operator's commands for the site's papers: shown here, to admins, not on the pages every visitor reads. */
function PapersSection({ counts }: { counts: PaperCounts }) {
  return (
    <section aria-labelledby="papers-heading" id="papers">
      <h2 id="papers-heading">Papers</h2>
      <p>
        {counts.total.toLocaleString('en-US')} papers stored
        {counts.demo > 0 ? `, ${counts.demo.toLocaleString('en-US')} of them demo papers (loaded on first start because no source answered)` : ''}.
        {counts.catchingUp ? ` Catching up now (${counts.catchingUp.step ?? 'starting'}): ${counts.catchingUp.papers} new so far.` : ''}
      </p>
      <ul class="commands">
        {counts.demo > 0 ? <li><code>npx paperboard demo remove</code> removes the demo papers, their upvotes and star counts (papers a real source also brought stay).</li> : null}
        <li><code>npx paperboard ingest hf-daily</code> and <code>npx paperboard ingest arxiv-rss</code> bring today's papers (<code>serve</code> does both on its schedule).</li>
        <li><code>npx paperboard import arxiv-metadata-oai-snapshot.json</code> loads all of arXiv from Kaggle's snapshot.</li>
      </ul>
    </section>
  );
}
