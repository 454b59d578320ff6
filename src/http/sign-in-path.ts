// Where "Sign in to upvote" and its kind lead: the sign-in page, told what the visitor was doing and where, so the
// mailed link brings them back there with it done (accounts/sign-in-intent.ts seals it into the link).
import { safeLocalPath, type SignInAction } from '../sign-in-actions.ts';

export type { SignInAction } from '../sign-in-actions.ts';

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
