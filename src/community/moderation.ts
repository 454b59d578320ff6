// What moderators and admins may do, and the record each action leaves (issue 21: admin can act).
import type { Role, User } from '../accounts/account.ts';

export const moderationActions = ['hide-paper', 'restore-paper', 'feature-paper', 'unfeature-paper', 'set-role', 'block', 'unblock'] as const;
export type ModerationAction = (typeof moderationActions)[number];

/** Who acts: a signed-in member, or the operator at the command line (null), who may do everything. */
export type Actor = Pick<User, 'id' | 'role' | 'username'> | null;

/** Papers are moderators' to hide and feature; roles and blocks are admins'. */
const NEEDS: Record<ModerationAction, Role> = {
  'hide-paper': 'moderator',
  'restore-paper': 'moderator',
  'feature-paper': 'moderator',
  'unfeature-paper': 'moderator',
  'set-role': 'admin',
  block: 'admin',
  unblock: 'admin',
};

export function mayDo(actor: Actor, action: ModerationAction): boolean {
  if (actor === null) return true;
  const needed = NEEDS[action];
  return actor.role === 'admin' || (needed === 'moderator' && actor.role === 'moderator');
}

export interface ModerationEntry {
  /** The actor's username, or null for the command line (or an account since removed). */
  actor: string | null;
  action: ModerationAction;
  subject: string;
  note: string | null;
  createdAt: string;
}

/** How the admin page and the CLI say what was done. */
export function describeAction(action: ModerationAction, subject: string, note: string | null): string {
  switch (action) {
    case 'hide-paper': return `hid ${subject}`;
    case 'restore-paper': return `restored ${subject}`;
    case 'feature-paper': return `featured ${subject}`;
    case 'unfeature-paper': return `stopped featuring ${subject}`;
    case 'set-role': return `made ${subject} ${note ?? 'a member'}`;
    case 'block': return `blocked ${subject}`;
    case 'unblock': return `unblocked ${subject}`;
  }
}
