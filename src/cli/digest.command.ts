// `paperboard digest send [--period daily|weekly] [--dry-run] [--date DAY]`: a digest run by hand, any day.
import { dayIn, frequencies, type Frequency } from '../digest/subscription.ts';
import { parseDay } from '../time.ts';
import { withContext } from './context.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

export async function digestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { period: { type: 'string', default: 'daily' }, 'dry-run': { type: 'boolean', default: false }, date: { type: 'string' } },
    { positionals: [1, 1] },
  );
  if (positionals[0] !== 'send') throw new UsageError(`unknown digest command "${positionals[0]}" (try "digest send")`);
  if (!frequencies.includes(values.period as Frequency)) throw new UsageError('--period is daily or weekly');
  if (values.date && !parseDay(values.date)) throw new UsageError('--date is a day, YYYY-MM-DD');
  return withContext(async ({ services, config }) => {
    if (!config.http.publicUrlGiven && !values['dry-run']) {
      // The mails link to the site (preferences, one-click unsubscribe); a command cannot tell where it is served.
      console.error('paperboard digest send: set PUBLIC_URL to the address people reach this site at (the mails link to it), or use --dry-run.');
      return 2;
    }
    const day = values.date ?? dayIn(config.digest.timezone, new Date());
    // By hand, the weekly digest goes to every weekly subscriber, whatever weekday they chose.
    const result = await services.digest.run(values.period as Frequency, day, { anyWeekday: true, dryRun: values['dry-run'] });
    if (values['dry-run']) {
      for (const p of result.preview) console.log(`${p.email}\t${p.subject}\t${p.papers.join(' ')}`);
      console.log(`dry run, ${result.period}: would send ${result.composed}; ${result.nothingNew} with nothing new; ${result.alreadyComposed} already composed`);
      return 0;
    }
    console.log(
      `${result.period}: composed ${result.composed}, nothing new for ${result.nothingNew}, already composed ${result.alreadyComposed}; ` +
        `sent ${result.sent}, failed ${result.failed}, waiting to retry ${result.retrying}`,
    );
    return result.failed > 0 ? 1 : 0;
  });
}
