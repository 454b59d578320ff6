// `/admin`: moderators and admins only (a signed-in role, never the client's address: behind a reverse proxy
// every request comes from this machine).
import type { FastifyInstance } from 'fastify';
import { isModerator } from '../accounts/account.ts';
import { AppError } from '../errors.ts';
import type { Services } from '../app/services.ts';
import { sendPage } from '../http/render.ts';
import { AdminPage } from './admin-page.view.tsx';

export function registerAdminRoutes(app: FastifyInstance, services: Services): void {
  app.get('/admin', async (request, reply) => {
    const viewer = request.viewer;
    if (!viewer) return reply.redirect('/login');
    if (!isModerator(viewer)) {
      throw new AppError('forbidden', 'The admin page is for moderators and admins. An admin can give a role with "paperboard user add EMAIL --role moderator".');
    }
    const queue = await services.comments.queue();
    const operations =
      viewer.role === 'admin'
        ? {
            ingestRuns: await services.ingestRuns.latest(30), jobRuns: await services.jobRuns.latest(30), digest: await services.digest.overview(),
            mail: await services.mailBudget.usage(), papers: { total: await services.papers.count(), demo: await services.papers.countDemo(), catchingUp: services.catchUp.status() },
          }
        : null;
    return sendPage(reply, <AdminPage queue={queue} operations={operations} />);
  });
}
