// The front page, day / week / month pages, and `GET /api/daily_papers`.
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.ts';
import type { Services } from '../services.ts';
import { sendPage } from '../web/render.ts';
import { parseInput } from '../web/validate.ts';
import { toDailyPaperJson } from './daily-papers.ts';
import { EmptySiteView, FeedPageView } from './feed-page.view.tsx';
import { dailyPapersQuery, feedPageQuery, jumpQuery } from './feed.schema.ts';
import { parsePeriod } from './feed.service.ts';
import { parseDay, type Period, type PeriodKind } from './period.ts';

const formats: Record<PeriodKind, string> = { day: 'YYYY-MM-DD', week: 'YYYY-Www', month: 'YYYY-MM' };

function periodOrFail(kind: PeriodKind, text: string): Period {
  const period = parsePeriod[kind](text);
  if (!period) throw badRequest(`"${text}" is not a ${kind} (expected ${formats[kind]}).`);
  return period;
}

export function registerFeedRoutes(app: FastifyInstance, { feed, community }: Services): void {
  app.get('/', async (request, reply) => {
    const { p } = parseInput(feedPageQuery, request.query);
    const latest = await feed.latestDay();
    if (!latest) return sendPage(reply, <EmptySiteView />);
    const page = await feed.page(periodOrFail('day', latest), { page: p });
    return sendPage(reply, <FeedPageView feed={page} isFront />);
  });

  app.get('/date', async (request, reply) => {
    const { d } = parseInput(jumpQuery, request.query);
    if (!d) return reply.redirect('/');
    return reply.redirect(`/date/${periodOrFail('day', d).key}`);
  });

  for (const [kind, path] of [['day', '/date/:key'], ['week', '/week/:key'], ['month', '/month/:key']] as const) {
    app.get<{ Params: { key: string } }>(path, async (request, reply) => {
      const period = periodOrFail(kind, request.params.key);
      const { p } = parseInput(feedPageQuery, request.query);
      return sendPage(reply, <FeedPageView feed={await feed.page(period, { page: p })} />);
    });
  }

  app.get('/api/daily_papers', async (request) => {
    const q = parseInput(dailyPapersQuery, request.query);
    let period: Period | null;
    if (q.week) period = periodOrFail('week', q.week);
    else if (q.month) period = periodOrFail('month', q.month);
    else if (q.date) period = periodOrFail('day', q.date);
    else {
      const latest = await feed.latestDay();
      period = latest ? parseDay(latest) : null;
    }
    if (!period) return [];
    const page = await feed.page(period, { order: q.sort, page: q.p, limit: q.limit });
    const signals = await community.signalsFor(page.items.map((item) => item.paper.id));
    return page.items.map((item) => toDailyPaperJson(item.paper, item.day, signals.get(item.paper.id)));
  });
}
