// `paperboard user add EMAIL [--role user|moderator|admin]`: create an account, or change its role.
import { roles, type Role } from '../accounts/account.ts';
import { withContext } from './context.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

export async function userCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'add') throw new UsageError(action ? `unknown user command "${action}"` : 'user needs a command (add)');
  const { values, positionals } = parseCommandArgs(rest, { role: { type: 'string', default: 'user' } }, { positionals: [1, 1] });
  if (!roles.includes(values.role as Role)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
  return withContext(async ({ services }) => {
    const { user, created } = await services.accounts.addUser(positionals[0] as string, values.role as Role);
    console.log(`${created ? 'created' : 'updated'} ${user.email} (username ${user.username}, role ${user.role})`);
    return 0;
  });
}
