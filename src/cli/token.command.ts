// `paperboard token create EMAIL [--name NAME]`: a personal API token for an account, printed once.
import { withContext } from './context.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

export async function tokenCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'create') throw new UsageError(action ? `unknown token command "${action}"` : 'token needs a command (create)');
  const { values, positionals } = parseCommandArgs(rest, { name: { type: 'string', default: 'command line' } }, { positionals: [1, 1] });
  return withContext(async ({ services }) => {
    const { token, user } = await services.accounts.createApiTokenFor(positionals[0] as string, values.name);
    console.error(`token "${values.name}" for ${user.email}; it is shown once, store it now:`);
    console.log(token);
    return 0;
  });
}
