// What a visitor may ask for before signing in, and the return address kept for them: shared by the links that ask
// (http/sign-in-path.ts) and the sign-in that carries them out (accounts/sign-in-intent.ts). Pure.

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
