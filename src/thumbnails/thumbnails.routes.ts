// `GET /thumbnails/:id`: a paper's picture, for cards, the paper page and link previews (og:image). A rendered PDF page
// is cached for a week; a title card for an hour, since the page may arrive meanwhile.
import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors.ts';
import { MAX_PATH_PARAMETER } from '../request-limits.ts';
import type { ThumbnailsService } from './thumbnails.service.ts';

const MAX_AGE = { pdf: 7 * 86_400, card: 3_600 } as const;

export function registerThumbnailRoutes(app: FastifyInstance, { thumbnails }: { thumbnails: ThumbnailsService }): void {
  app.get('/thumbnails/*', async (request, reply) => {
    const reference = (request.params as { '*': string })['*'];
    if (reference.length > MAX_PATH_PARAMETER) throw notFound('No such paper here.');
    const picture = await thumbnails.forPaper(reference);
    if (!picture) throw notFound(`No paper with the id "${reference.slice(0, 100)}" is stored here.`);
    const etag = `"${picture.kind}-${Date.parse(picture.createdAt).toString(36)}"`;
    reply
      .header('cache-control', `public, max-age=${MAX_AGE[picture.kind]}`)
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff')
      // An SVG opened on its own is a document: it may draw, never run or load anything.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(picture.contentType).send(picture.body);
  });
}
