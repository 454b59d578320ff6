// Where "Sign in to upvote" and its kind lead: the sign-in page, told what the visitor was doing and where, so the
// mailed link brings them back there with it done (accounts/sign-in-intent.ts seals it into the link).

/** What a visitor asked for before signing in. */
export const signInActions = ['upvote', 'comment', 'submit', 'for-you', 'add-code'] as const;
export type SignInAction = (typeof signInActions)[number];

/** The longest return address kept: a page's path and query, never more. */
export const MAX_NEXT_LENGTH = 600;

/**
 * A path on this site to return to, or null: starts with one `/`, no `//` or `/\` (another host to a browser), no
 * scheme, no control characters or spaces, bounded. Never an open redirect.
 */
export function safeLocalPath(text: unknown): string | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_NEXT_LENGTH) return null;
  if (!text.startsWith('/') || text.startsWith('//') || text.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f\\]/.test(text)) return null;
  return text;
}

/** The sign-in page for an action on a page: `/login?do=upvote&paper=ID&next=/date/2026-12-05`. */
export function signInPath(intent: { action?: SignInAction; paperId?: string; next?: string }): string {
  const params = new URLSearchParams();
  if (intent.action) params.set('do', intent.action);
  if (intent.paperId) params.set('paper', intent.paperId);
  const next = safeLocalPath(intent.next);
  if (next && next !== '/login' && !next.startsWith('/login?')) params.set('next', next);
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
