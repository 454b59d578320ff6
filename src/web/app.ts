// The app factory: a Fastify instance with security headers, assets, every capability's routes and error pages.
// Tests build one per test and call it on an ephemeral port; `serve` builds one and listens.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { registerAdminRoutes } from '../admin/admin.routes.tsx';
import type { Config } from '../config.ts';
import { registerFeedRoutes } from '../feed/feed.routes.tsx';
import { registerPaperRoutes } from '../papers/papers.routes.tsx';
import { registerSearchRoutes } from '../search/search.routes.tsx';
import type { Services } from '../services.ts';
import { installErrorHandling } from './error-handler.tsx';
import { registerHealthRoutes } from './health.routes.ts';
import { installMetrics } from './metrics.ts';
import { registerOpenApiRoute } from './openapi.ts';

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

export async function buildApp(config: Readonly<Config>, services: Services): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // A log line per request is noise at thousands of requests a second; debug level brings it back.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // Plain-http installs on a LAN must keep working; operators put TLS in front and set PUBLIC_URL.
    strictTransportSecurity: config.http.publicUrl.startsWith('https://'),
  });
  await app.register(fastifyStatic, { root: assetsDir, prefix: '/assets/', maxAge: '1h' });

  installErrorHandling(app);
  installMetrics(app, services);
  registerHealthRoutes(app, services);
  registerFeedRoutes(app, services);
  registerPaperRoutes(app, services);
  registerSearchRoutes(app, services);
  registerAdminRoutes(app, services);
  registerOpenApiRoute(app, config.http.publicUrl);
  return app;
}
