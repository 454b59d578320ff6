// `paperboard user add EMAIL [--role …]`: create an account, or change its role; `user block|unblock MEMBER`: what the
// admin page's Block does, from the command line (logged as done by the command line).
import { roles, type Role } from '../accounts/account.ts';
import { withContext } from './context.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

export async function userCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'block' || action === 'unblock') return blockCommand(action === 'block', rest);
  if (action !== 'add') throw new UsageError(action ? `unknown user command "${action}"` : 'user needs a command (add, block, unblock)');
  const { values, positionals } = parseCommandArgs(rest, { role: { type: 'string', default: 'user' } }, { positionals: [1, 1] });
  if (!roles.includes(values.role as Role)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
  return withContext(async ({ services }) => {
    const { user, created } = await services.accounts.addUser(positionals[0] as string, values.role as Role);
    console.log(`${created ? 'created' : 'updated'} ${user.email} (username ${user.username}, role ${user.role})`);
    return 0;
  });
}

async function blockCommand(blocked: boolean, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { note: { type: 'string' } }, { positionals: [1, 1] });
  return withContext(async ({ services }) => {
    const member = positionals[0] as string;
    const changed = await services.moderation.block(null, member, blocked, values.note?.slice(0, 500) ?? null);
    console.log(changed ? `${blocked ? 'blocked' : 'unblocked'} ${member}` : `${member} already was ${blocked ? 'blocked' : 'not blocked'}`);
    return 0;
  });
}
