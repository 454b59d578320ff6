// `paperboard paper hide|restore|feature|unfeature ID [--note TEXT]`: what a moderator's buttons do, from the command
// line (for an operator with no account, or a script); logged as done by the command line.
import { withContext } from './context.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

const actions = ['hide', 'restore', 'feature', 'unfeature'] as const;
type PaperAction = (typeof actions)[number];

export async function paperCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (!actions.includes(action as PaperAction)) {
    throw new UsageError(action ? `unknown paper command "${action}"` : `paper needs a command (${actions.join(', ')})`);
  }
  const { values, positionals } = parseCommandArgs(rest, { note: { type: 'string' } }, { positionals: [1, 1] });
  return withContext(async ({ services }) => {
    const id = positionals[0] as string;
    const note = values.note?.slice(0, 500) ?? null;
    const changed =
      action === 'hide' || action === 'restore'
        ? await services.moderation.hidePaper(null, id, action === 'hide', note)
        : await services.moderation.featurePaper(null, id, action === 'feature');
    const done = { hide: 'hidden', restore: 'restored', feature: 'featured', unfeature: 'no longer featured' }[action as PaperAction];
    console.log(changed ? `${id}: ${done}` : `${id}: nothing to change (already ${done}${action === 'feature' ? ', or hidden' : ''})`);
    return 0;
  });
}
