// What the app's hooks put on every request, declared where routes and views can read it: who is looking
// (app/viewer.ts sets it) and whether a page may be rendered once for all members (app/member-page-cache.ts).
import type { VNode } from 'preact';
import type { Viewer } from './viewer.ts';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
    /** True when the viewer came from an API token: such requests carry no cookies, so no CSRF check applies. */
    viaApiToken: boolean;
    /** Set when a shared page missed the cache: keeps the page, rendered for all members, for the next ones. */
    keepForMembers: ((page: VNode) => void) | null;
    /** The response holds something of this visitor alone (a form token): no cache may give it to anyone else. */
    personal: boolean;
    /** The query parameters the route reads (http/validate.ts parseQuery); null until it reads some. */
    knownQuery: readonly string[] | null;
  }
  interface FastifyInstance {
    /** PUBLIC_URL: pages name themselves and their pictures absolutely in link previews. */
    publicUrl: string;
  }
  interface FastifyContextConfig {
    /** The page differs between members only in PerMember parts: it may be rendered once for all of them. */
    sharedByMembers?: boolean;
  }
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'pb_session';
