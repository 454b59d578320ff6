// `/admin`: moderators and admins only (a signed-in role, never the client's address: behind a reverse proxy
// every request comes from this machine). Moderators see the comment queue, hide and feature papers and read the logs;
// admins also give roles, block members and see the operations. The moderation service checks every act's role again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isModerator } from '../accounts/account.ts';
import { AppError } from '../errors.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { CommentsService } from '../community/comments.service.ts';
import type { ModerationService } from '../community/moderation.service.ts';
import type { DigestService } from '../digest/digest.service.ts';
import type { CatchUpService } from '../ingest/catch-up.service.ts';
import type { IngestRuns } from '../ingest/ingest-runs.service.ts';
import type { JobRuns } from '../jobs/jobs.service.ts';
import type { MailBudget } from '../mail/mail-budget.service.ts';
import type { PapersService } from '../papers/papers.service.ts';
import { backTo, memberWrite, requireViewer } from '../http/guards.ts';
import { sendPage } from '../http/render.ts';
import { parseInput, parseQuery } from '../http/validate.ts';
import type { ModerationAction } from '../community/moderation.ts';
import { AdminPage } from './admin-page.view.tsx';
import { adminQuery, memberActionForm, paperActionForm } from './admin.schema.ts';

const MEMBERS_LISTED = 50;

/** Where a form goes back to, saying what was done (or that nothing changed). */
function doneTo(request: FastifyRequest, fallback: string, action: ModerationAction, subject: string, changed: boolean): string {
  const [back = fallback, hash = ''] = backTo(request, fallback).split('#');
  const url = new URL(back, 'http://here');
  for (const name of ['done', 'subject', 'unchanged']) url.searchParams.delete(name);
  if (changed) {
    url.searchParams.set('done', action);
    url.searchParams.set('subject', subject);
  } else url.searchParams.set('unchanged', subject);
  return `${url.pathname}${url.search}${hash ? `#${hash}` : ''}`;
}

/** The services these routes use (given by app/app.ts). */
export interface AdminRouteServices {
  accounts: AccountsService;
  catchUp: CatchUpService;
  comments: CommentsService;
  digest: DigestService;
  ingestRuns: IngestRuns;
  jobRuns: JobRuns;
  mailBudget: MailBudget;
  moderation: ModerationService;
  papers: PapersService;
}

export function registerAdminRoutes(app: FastifyInstance, services: AdminRouteServices): void {
  const write = memberWrite(app);

  app.get('/admin', async (request, reply) => {
    const viewer = request.viewer;
    if (!viewer) return reply.redirect('/login');
    if (!isModerator(viewer)) {
      throw new AppError('forbidden', 'The admin page is for moderators and admins. An admin can give a role with "paperboard user add EMAIL --role moderator".');
    }
    const query = parseQuery(request, adminQuery);
    const admin = viewer.role === 'admin';
    const [queue, featured, hidden, log, submissions] = await Promise.all([
      services.comments.queue(),
      services.papers.featured(20),
      services.papers.hidden(50),
      services.moderation.log(30),
      services.moderation.submissions(30),
    ]);
    const operations = admin
      ? {
          ingestRuns: await services.ingestRuns.latest(30), jobRuns: await services.jobRuns.latest(30), digest: await services.digest.overview(),
          mail: await services.mailBudget.usage(), papers: { total: await services.papers.count(), demo: await services.papers.countDemo(), catchingUp: services.catchUp.status() },
        }
      : null;
    const members = admin ? { query: query.member, list: await services.accounts.members(query.member, MEMBERS_LISTED), self: viewer.id } : null;
    const said = query.done && query.subject !== undefined ? { action: query.done, subject: query.subject } : null;
    const page = (
      <AdminPage
        queue={queue} operations={operations} moderation={{ featured, hidden, log, submissions, members }} said={said} unchanged={query.unchanged ?? null}
      />
    );
    return sendPage(reply, page);
  });

  // Plain forms (they work without JavaScript) that go back where they came from: /admin, or the paper's page.
  app.post('/admin/papers', write, async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = requireViewer(request);
    const form = parseInput(paperActionForm, request.body);
    const { moderation } = services;
    const changed =
      form.action === 'hide' || form.action === 'restore'
        ? await moderation.hidePaper(viewer, form.paper, form.action === 'hide', form.note)
        : await moderation.featurePaper(viewer, form.paper, form.action === 'feature');
    const action: ModerationAction = form.action === 'hide' ? 'hide-paper' : form.action === 'restore' ? 'restore-paper' : form.action === 'feature' ? 'feature-paper' : 'unfeature-paper';
    return reply.redirect(doneTo(request, '/admin#moderate-papers', action, form.paper, changed), 303);
  });

  app.post('/admin/members', write, async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = requireViewer(request);
    const form = parseInput(memberActionForm, request.body);
    const { moderation } = services;
    if (form.action === 'role') {
      if (!form.role) throw new AppError('bad_request', 'role: say which role (user, moderator or admin).');
      const { member, changed } = await moderation.setRole(viewer, form.member, form.role);
      return reply.redirect(doneTo(request, '/admin#members', 'set-role', member.username, changed), 303);
    }
    const changed = await moderation.block(viewer, form.member, form.action === 'block', form.note);
    return reply.redirect(doneTo(request, '/admin#members', form.action, form.member, changed), 303);
  });
}
