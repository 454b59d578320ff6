// When a cron expression next fires, in a time zone (croner evaluates; nothing here keeps timers).
import { Cron } from 'croner';

export function nextOccurrence(cron: string, timezone: string, after: Date): Date {
  const evaluator = new Cron(cron, { timezone, paused: true });
  const next = evaluator.nextRun(after);
  evaluator.stop();
  if (!next) throw new Error(`the schedule "${cron}" never fires again`);
  return next;
}

/** Throws a readable error for an expression or time zone croner cannot use. */
export function checkSchedule(cron: string, timezone: string): void {
  try {
    nextOccurrence(cron, timezone, new Date());
  } catch (error) {
    throw new Error(`invalid schedule "${cron}" in time zone "${timezone}": ${(error as Error).message}`);
  }
}
