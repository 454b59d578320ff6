// `/for-you` and `GET /api/for-you`, and the "not interested" button.
import { signInPath } from '../http/sign-in-path.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CodeService } from '../code/code.service.ts';
import type { CommunityService } from '../community/community.service.ts';
import type { ForYouService } from './for-you.service.ts';
import { backTo, memberWrite, paperIdParam, requireViewer } from '../http/guards.ts';
import { sendPage } from '../http/render.ts';
import { ForYouPage } from './for-you.view.tsx';

/** The services these routes use (given by app/app.ts). */
export interface ForYouRouteServices {
  forYou: ForYouService;
  community: CommunityService;
  code: CodeService;
}

export function registerForYouRoutes(app: FastifyInstance, { forYou, community, code }: ForYouRouteServices): void {
  app.get('/for-you', async (request, reply) => {
    if (!request.viewer) return reply.redirect(signInPath({ action: 'for-you', next: '/for-you' }));
    const feed = await forYou.feed(request.viewer);
    const cards = await code.withCode(await community.cardsFor(request.viewer, feed.items.map((i) => i.paper)));
    return sendPage(reply, <ForYouPage items={feed.items} basedOn={feed.basedOn} ready={feed.ready} cards={cards} />);
  });

  app.get('/api/for-you', async (request) => {
    const feed = await forYou.feed(requireViewer(request));
    return {
      // A count, as before; learnedFrom says of what.
      basedOn: feed.basedOn.upvotes + feed.basedOn.topics,
      learnedFrom: feed.basedOn,
      items: feed.items.map((i) => ({ id: i.paper.id, title: i.paper.title, because: i.because ? { id: i.because.id, title: i.because.title } : null, topic: i.topic })),
    };
  });

  const write = memberWrite(app);
  const mark = async (request: FastifyRequest) => forYou.notInterested(requireViewer(request), paperIdParam(request));
  for (const base of ['/papers/:id', '/papers/:archive/:number']) {
    app.post(`${base}/not-interested`, write, async (request, reply) => {
      await mark(request);
      return reply.redirect(backTo(request, '/for-you'), 303);
    });
  }
  for (const base of ['/api/papers/:id', '/api/papers/:archive/:number']) {
    app.post(`${base}/not-interested`, write, async (request, reply) => {
      await mark(request);
      return reply.status(204).send();
    });
  }
}
