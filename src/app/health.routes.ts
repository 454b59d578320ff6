// Liveness for load balancers and monitors.
import type { FastifyInstance } from 'fastify';
import type { Services } from './services.ts';

export function registerHealthRoutes(app: FastifyInstance, services: Services): void {
  app.get('/healthz', async (_request, reply) => {
    const database = services.ping();
    return reply.status(database ? 200 : 503).send({ status: database ? 'ok' : 'unavailable', database });
  });
}
