// Pages members share. A feed page is the same for every signed-in member but for their name in the header and
// their votes, yet rendering it (thirty cards) for each request held members' feed pages near 600 req/s. So a page
// marked `sharedByMembers` is rendered once per URL and data version with those parts left as holes (PerMember,
// page-context.ts), and each member's request fills them: one indexed read of the member's votes among the page's
// papers, the account links drawn for them, and the pieces joined. Like the visitors' cache (page-cache.ts), a
// template lives while the database is unchanged and for at most PAGE_CACHE_SECONDS.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { User } from '../accounts/account.ts';
import type { Services } from './services.ts';
import { formToken } from '../http/csrf.ts';
import { queryIsKnown } from '../http/validate.ts';
import { byteBoundedMap, type CacheSize } from '../byte-bounded-map.ts';
import { PageContext, type MemberState, type PageContextValue } from '../http/page-context.ts';

import type {} from '../http/request-state.ts'; // request.keepForMembers, config.sharedByMembers

interface Hole {
  draw: (member: MemberState) => VNode;
  /** Set for a vote: its drawing depends on that vote alone, so both drawings are shared by every member. */
  paperId: string | undefined;
}

interface Template {
  /** The page cut at its holes and CSRF tokens: text, then what goes between it and the next text, and so on. */
  pieces: Array<string | Gap>;
  holes: Hole[];
  paperIds: string[];
  /** Drawings of vote holes, by hole and vote: `${index}:${0|1}`. */
  votes: Map<string, string>;
  version: string;
  storedAt: number;
  /** The URL it was rendered for (the key it is kept under): where its forms come back to. */
  path: string;
}

// Random per process, so no text a person wrote can contain a marker.
const nonce = randomBytes(9).toString('hex');
const CSRF_MARK = `pbcsrf${nonce}`;
const holeMark = (index: number) => `pbhole${nonce}n${index}x`;
const GAP_PATTERN = new RegExp(`pbhole${nonce}n(\\d+)x|${CSRF_MARK}`, 'g');

/** A place in a template: a hole by its index, or the member's CSRF token. */
type Gap = { hole: number } | { csrf: true };

function cutAtGaps(html: string): Array<string | Gap> {
  const pieces: Array<string | Gap> = [];
  let last = 0;
  for (const match of html.matchAll(GAP_PATTERN)) {
    pieces.push(html.slice(last, match.index));
    pieces.push(match[1] === undefined ? { csrf: true } : { hole: Number(match[1]) });
    last = match.index + match[0].length;
  }
  pieces.push(html.slice(last));
  return pieces;
}

/** Who the shared render is for: a member with no name, so nothing of a real one can reach another's page. */
const ANY_MEMBER: User = { id: 0, email: '', username: '', displayName: '', role: 'user', createdAt: '', showUpvotes: false };

const render = (context: PageContextValue, node: VNode) => renderToString(h(PageContext.Provider, { value: context }, node));

function renderTemplate(page: VNode, version: string, path: string, siteUrl: string): Template {
  const holes: Hole[] = [];
  const html = render(
    {
      viewer: ANY_MEMBER,
      csrfToken: () => CSRF_MARK,
      path,
      siteUrl,
      perMember: (draw, paperId) => holeMark(holes.push({ draw, paperId }) - 1),
    },
    page,
  );
  const paperIds = [...new Set(holes.flatMap((hole) => (hole.paperId === undefined ? [] : [hole.paperId])))];
  return { pieces: cutAtGaps(`<!doctype html>${html}`), holes, paperIds, votes: new Map(), version, storedAt: Date.now(), path };
}

/** The template with every hole drawn for this member, and the member's CSRF token in every form. */
function fill(template: Template, viewer: User, upvoted: ReadonlySet<string>, csrfToken: () => string): string {
  const member: MemberState = { upvoted };
  const context: PageContextValue = { viewer, csrfToken: () => CSRF_MARK, path: template.path };
  const draw = (index: number): string => {
    const hole = template.holes[index] as Hole;
    if (hole.paperId === undefined) return render(context, hole.draw(member)).replaceAll(CSRF_MARK, csrfToken());
    const key = `${index}:${upvoted.has(hole.paperId) ? 1 : 0}`;
    let drawn = template.votes.get(key);
    if (drawn === undefined) {
      drawn = render(context, hole.draw(member)); // with the CSRF mark, replaced below for each member
      template.votes.set(key, drawn);
    }
    return drawn.replaceAll(CSRF_MARK, csrfToken());
  };
  return template.pieces.map((piece) => (typeof piece === 'string' ? piece : 'hole' in piece ? draw(piece.hole) : csrfToken())).join('');
}

const shared = (request: FastifyRequest) =>
  request.method === 'GET' && request.viewer !== null && !request.viaApiToken && request.routeOptions.config.sharedByMembers === true;

/** Installs the cache; returns what it holds (entries, bytes), for /metrics. */
export function installMemberPageCache(app: FastifyInstance, services: Services, settings: { seconds: number; maxBytes: number }): CacheSize {
  app.decorateRequest('keepForMembers', null);
  const { seconds } = settings;
  if (seconds <= 0) return { size: 0, bytes: 0 };
  // Sized by the text of their pieces; the vote drawings a template gathers are small beside it.
  const templates = byteBoundedMap<Template>(settings.maxBytes, (t) => t.pieces.reduce((n, piece) => n + (typeof piece === 'string' ? piece.length * 2 : 16), 0));
  const ttl = seconds * 1000;

  app.addHook('preHandler', async (request, reply) => {
    if (!shared(request)) return;
    const viewer = request.viewer as User;
    const version = services.dataVersion();
    const template = templates.get(request.url);
    if (template && template.version === version && Date.now() - template.storedAt < ttl) {
      const upvoted = await services.community.upvotedBy(viewer, template.paperIds);
      let token: string | null = null;
      const html = fill(template, viewer, upvoted, () => (token ??= formToken(reply)));
      return reply.type('text/html; charset=utf-8').header('x-page-cache', 'member-hit').send(html);
    }
    request.keepForMembers = (page) => {
      if (queryIsKnown(request)) templates.set(request.url, renderTemplate(page, version, request.url, request.server.publicUrl));
    };
  });
  return templates;
}
