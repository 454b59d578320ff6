// Health for load balancers and monitors: 200 when the database answers what pages need, 503 with the reason when
// it does not, or when a request has run into a damaged file since the process started.
import type { FastifyInstance } from 'fastify';
import type { Services } from './services.ts';

export function registerHealthRoutes(app: FastifyInstance, services: Services): void {
  app.addHook('onError', async (_request, _reply, error) => services.noticeError(error));
  app.get('/healthz', async (_request, reply) => {
    const problem = await services.storageProblem();
    const body = problem ? { status: 'unavailable', database: false, problem } : { status: 'ok', database: true };
    return reply.status(problem ? 503 : 200).header('cache-control', 'no-store').send(body);
  });
}
