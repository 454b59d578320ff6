// What a visitor was doing when asked to sign in (upvote this paper, comment, submit…) and the page to return to,
// carried through the mailed link: sealed with the site's secret and bound to that link's token, so it can be used
// once, only with that link, and not changed on the way. The return address is a path on this site or nothing.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { safeLocalPath, signInActions, type SignInAction } from '../sign-in-actions.ts';
import { parsePaperRef } from '../papers/paper-id.ts';

export interface SignInIntent {
  action: SignInAction | null;
  /** The paper an upvote or a comment is for. */
  paperId: string | null;
  /** Where to go once signed in. */
  next: string | null;
}

/** What the sign-in page says it is for. */
export const intentHeading: Record<SignInAction, string> = {
  upvote: 'Sign in to upvote this paper',
  comment: 'Sign in to comment',
  submit: 'Sign in to submit a paper',
  'for-you': 'Sign in to see papers for you',
  'add-code': 'Sign in to add a code link',
};

/** The intent a sign-in page was opened with (its query, or its form's hidden fields), or null for none. */
export function intentFrom(input: { do?: unknown; paper?: unknown; next?: unknown }): SignInIntent | null {
  const action = signInActions.find((a) => a === input.do) ?? null;
  const ref = typeof input.paper === 'string' && input.paper.length <= 100 ? parsePaperRef(input.paper) : null;
  const paperId = ref?.id ?? null;
  const next = safeLocalPath(input.next);
  // An upvote or a comment names its paper; without one it is only a return address.
  const usable = action === 'upvote' || action === 'comment' ? (paperId ? action : null) : action;
  if (!usable && !next) return null;
  return { action: usable, paperId: usable === 'upvote' || usable === 'comment' ? paperId : null, next };
}

const mac = (payload: string, token: string, secret: string) =>
  createHmac('sha256', secret).update(`sign-in-intent:${token}:${payload}`).digest('base64url');

/** The intent as it travels in the mailed link: its JSON, base64url, and a MAC over it and the link's token. */
export function sealIntent(intent: SignInIntent, token: string, secret: string): string {
  const payload = Buffer.from(JSON.stringify([intent.action, intent.paperId, intent.next])).toString('base64url');
  return `${payload}.${mac(payload, token, secret)}`;
}

/** The intent back from a link, or null when it is missing, changed, or belongs to another link. */
export function openIntent(sealed: unknown, token: string, secret: string): SignInIntent | null {
  if (typeof sealed !== 'string' || sealed.length > 2_000) return null;
  const [payload, tag, extra] = sealed.split('.');
  if (!payload || !tag || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload, token, secret));
  const given = Buffer.from(tag);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const [action, paper, next] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    return intentFrom({ do: action, paper, next });
  } catch {
    return null;
  }
}
