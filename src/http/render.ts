// Sends a server-rendered page. preact-render-to-string escapes every text and attribute it writes.
import type { FastifyReply } from 'fastify';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { formToken } from './csrf.ts';
import type {} from './request-state.ts'; // request.viewer, request.keepForMembers
import { PageContext } from './page-context.ts';

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  let token: string | null = null;
  const context = {
    viewer: reply.request.viewer ?? null,
    // Made only when a form asks, once per response: pages without forms set no CSRF cookie.
    csrfToken: () => (token ??= formToken(reply)),
    path: reply.request.url,
    siteUrl: reply.server.publicUrl,
  };
  const html = renderToString(h(PageContext.Provider, { value: context }, page));
  if (status === 200) reply.request.keepForMembers?.(page); // a page members share, rendered for the next ones
  return reply.status(status).type('text/html; charset=utf-8').send(`<!doctype html>${html}`);
}
