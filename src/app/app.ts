// The app factory: a Fastify instance with security headers, assets, every capability's routes and error pages.
// Tests build one per test and call it on an ephemeral port; `serve` builds one and listens.
import { logFormat, prettyStream } from './log-format.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { registerAdminRoutes } from '../admin/admin.routes.tsx';
import type { Config } from '../config.ts';
import { registerFeedRoutes } from '../feed/feed.routes.tsx';
import { registerThumbnailRoutes } from '../thumbnails/thumbnails.routes.ts';
import { registerPaperRoutes } from '../papers/papers.routes.tsx';
import { registerSearchRoutes } from '../search/search.routes.tsx';
import { registerAuthorRoutes } from '../authors/authors.routes.tsx';
import type { Services } from './services.ts';
import { MAX_PATH_PARAMETER } from '../request-limits.ts';
import { storageTrouble } from '../db/database.ts';
import { frameworkError, installErrorHandling } from '../http/error-handler.tsx';
import { sharedLimit } from '../http/guards.ts';
import { csrfBinding } from '../http/csrf.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../http/json-body.ts';
import { AppError, badRequest } from '../errors.ts';
import { registerHealthRoutes } from './health.routes.ts';
import { installMetrics } from './metrics.ts';
import { registerOpenApiRoute } from './openapi.ts';
import { sessionSecret } from '../db/session-secret.ts';
import { installViewer } from './viewer.ts';
import { installPageCache } from './page-cache.ts';
import { installMemberPageCache } from './member-page-cache.ts';
import { registerAccountRoutes } from '../accounts/accounts.routes.tsx';
import { registerCommunityRoutes } from '../community/community.routes.tsx';
import { registerCommentRoutes } from '../community/comments.routes.tsx';
import { registerFeedsRoutes } from '../feeds/feeds.routes.ts';
import { registerSubscriptionRoutes } from '../digest/subscriptions.routes.tsx';
import { registerForYouRoutes } from '../search/for-you.routes.tsx';
import { registerCodeRoutes } from '../code/code.routes.tsx';

const BODY_LIMIT_BYTES = 128 * 1024;

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

export async function buildApp(config: Readonly<Config>, services: Services): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : logFormat(config.logFormat) === 'pretty' ? { level: config.logLevel, stream: prettyStream() } : { level: config.logLevel },
    // The largest body anything here accepts is a comment (20,000 characters, form-encoded); docs/limits.md.
    bodyLimit: BODY_LIMIT_BYTES,
    // A number of proxies in front: trust that many hops (Fastify types a count as a function).
    trustProxy: typeof config.http.trustProxy === 'number' ? trustHops(config.http.trustProxy) : config.http.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_PARAMETER },
    frameworkErrors: frameworkError,
    // A request Node cannot parse (headers past 16 KB, broken framing) gets the site's JSON shape too, then the socket closes.
    clientErrorHandler: (error, socket) => {
      const status = (error as { code?: string }).code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify({ error: { code: status === 431 ? 'headers_too_large' : 'bad_request', message: status === 431 ? 'The request headers are too large.' : 'The request could not be read.' } });
      if (socket.writable) socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      else socket.destroy(error);
    },
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
  await app.register(cookie, { secret: sessionSecret(config) });
  await app.register(formbody);
  // Many HTTP clients send "content-type: application/json" with no body on a bare POST or DELETE (an upvote):
  // that is no request body, not a malformed one.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    if (nestsDeeperThan(String(body), MAX_JSON_DEPTH)) return done(badRequest(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`), undefined);
    return parseJson(request, String(body), done);
  });
  // The JSON API takes JSON: a form post to /api/… is what a cross-site form can send, so it is refused before the
  // body is read (a browser cannot send application/json across sites without asking first).
  app.addHook('onRequest', async (request) => {
    const type = request.headers['content-type'];
    if (type && request.url.startsWith('/api/') && !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !/^application\/json\b/i.test(type)) {
      throw new AppError('unsupported_media_type', 'The API takes JSON: send "content-type: application/json".');
    }
  });
  // The CSRF secret lives in its own signed cookie; each form carries a token derived from it and bound to the session
  // (http/csrf.ts), so a token from another visitor's page is refused.
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    getUserInfo: csrfBinding,
    csrfOpts: { hmacKey: sessionSecret(config) },
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: config.http.publicUrl.startsWith('https://') },
  });
  // Every request a client makes counts against RATE_LIMIT_READS a minute, checked as it arrives (onRequest), before
  // any work; searches have a tighter limit of their own (search.routes.tsx). Writes set their limits per route, checked
  // once the body is parsed (hook: 'preHandler'), so a limit may be keyed by what was posted (an email address).
  await app.register(rateLimit, {
    global: config.http.readsPerMinute > 0,
    hook: 'onRequest',
    max: config.http.readsPerMinute,
    timeWindow: '1 minute',
    allowList: (request) => request.url.startsWith('/assets/'),
  });
  app.decorate('publicUrl', config.http.publicUrl);
  app.decorateRequest('personal', false); // http/csrf.ts sets it: a page with a form token is one visitor's alone
  installViewer(app, services);
  const cacheSettings = { seconds: config.http.pageCacheSeconds, maxBytes: config.http.pageCacheBytes };
  const caches = { visitors: installPageCache(app, services, cacheSettings), members: installMemberPageCache(app, services, cacheSettings) };
  // After the caches, whose onSend hooks keep the page as text: responses are compressed as they leave (brotli at
  // quality 4, gzip). Compressed request bodies are not accepted: a small one can inflate to gigabytes.
  await app.register(compress, { encodings: ['br', 'gzip'], globalDecompression: false });

  installErrorHandling(app, { storageTrouble });
  installMetrics(app, services, caches, config.http.metricsToken);
  registerHealthRoutes(app, services);
  registerFeedRoutes(app, services, { frontPage: config.frontPage });
  registerThumbnailRoutes(app, services);
  registerPaperRoutes(app, services);
  // One limit for every kind of search a client makes (a page, the API, a feed).
  const searchLimit = sharedLimit(app, config.http.searchesPerMinute);
  registerSearchRoutes(app, services, { searchLimit, searchesPerMinute: config.http.searchesPerMinute });
  registerAccountRoutes(app, services, { secureCookies: config.http.publicUrl.startsWith('https://') });
  registerCommunityRoutes(app, services, { maxAgeDays: config.community.submitMaxAgeDays, dailyCap: config.community.submitDailyCap });
  registerCommentRoutes(app, services);
  registerFeedsRoutes(app, services, { publicUrl: config.http.publicUrl, searchLimit });
  registerAuthorRoutes(app, services, { searchLimit });
  registerSubscriptionRoutes(app, services);
  registerForYouRoutes(app, services);
  registerCodeRoutes(app, services);
  registerAdminRoutes(app, services);
  registerOpenApiRoute(app, config.http.publicUrl);
  return app;
}
