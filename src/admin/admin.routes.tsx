// `/admin`. Until accounts exist it answers only requests from this machine (loopback).
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';
import { sendPage } from '../web/render.ts';
import { AdminPage } from './admin-page.view.tsx';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function registerAdminRoutes(app: FastifyInstance, services: Services): void {
  app.get('/admin', async (request, reply) => {
    if (!LOOPBACK.has(request.ip)) {
      throw new AppError('forbidden', 'The admin page is only open to requests from this machine until accounts exist.');
    }
    const [ingestRuns, jobRuns] = await Promise.all([services.ingestRuns.latest(30), services.jobRuns.latest(30)]);
    return sendPage(reply, <AdminPage ingestRuns={ingestRuns} jobRuns={jobRuns} />);
  });
}
