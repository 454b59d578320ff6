// What every page may need of its request: who is looking, and a CSRF token for its forms (made on demand).
import { createContext, type VNode } from 'preact';
import { useContext } from 'preact/hooks';
import type { Viewer } from './viewer.ts';

/** What a member-specific part of a shared page is drawn from (app/member-page-cache.ts). */
export interface MemberState {
  /** Of the papers the page's holes named, those the member upvoted. */
  upvoted: ReadonlySet<string>;
}

/**
 * Draws a part that differs from member to member in a page rendered once for all members: the part is left as a
 * hole and drawn for each member as the page is served. `paperId` marks a vote button: its drawing may depend on
 * nothing of the member but their vote on that paper, since both drawings are then shared by every member.
 */
export type PerMember = (draw: (member: MemberState) => VNode, paperId?: string) => string;

export interface PageContextValue {
  viewer: Viewer | null;
  csrfToken: () => string;
  /** The page's own address (path and query): forms carry it, so an action can come back to where it was taken. */
  path: string;
  /** The site's public address (PUBLIC_URL), for what must be absolute: link previews' image and URL. */
  siteUrl?: string;
  /** Set only while a page is rendered for all members at once. */
  perMember?: PerMember | undefined;
}

export const PageContext = createContext<PageContextValue>({
  viewer: null,
  path: '/',
  csrfToken: () => {
    throw new Error('a form was rendered outside a request');
  },
});

export const usePageContext = () => useContext(PageContext);
