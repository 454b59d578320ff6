// Argument parsing for the CLI: a usage error is exit 2, with the command's usage.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export const USAGE = `Usage: paperboard <command> [options]

Commands:
  serve [--port N] [--no-jobs]                 serve the site (and API) on HOST:PORT
  import FILE... [--format auto|kaggle|jsonl|hf-daily|pwc-links]
                                               import papers: the arXiv metadata snapshot, Paperboard JSONL
                                               (.gz accepted), or a saved Hugging Face /api/daily_papers
                                               response; or link code to stored papers from the Papers with
                                               Code archive (links-between-papers-and-code.json[.gz]);
                                               exit 1 when any record was rejected
  ingest arxiv-api ID...                       fetch papers by arXiv id or URL from the arXiv API (batched);
                                               exit 1 when any id failed
  ingest arxiv-oai [--from DATE] [--until DATE] [--set SET]
                                               harvest arXiv over OAI-PMH; resumes an interrupted harvest,
                                               and without --from continues where the last one ended
  ingest arxiv-rss [--category CAT]...         today's new papers in the categories (default INGEST_CATEGORIES),
                                               details from the API, listed today as harvested
  ingest hf-daily [--date DATE]                the papers Hugging Face featured that day (default today),
                                               listed as featured; their HF upvotes kept apart
  ingest github [--all]                        refresh repositories' facts and star counts from GitHub, most
                                               valuable first, within the hour's rate budget (--all: not only
                                               those not refreshed today)
  ingest hf-hub                                likes and downloads of the Hugging Face models, datasets and
                                               Spaces papers name (each at most once a day)
  ingest status [--limit N]                    the latest ingest runs: when, what, counts, errors
  reindex                                      rebuild and optimise the keyword index, fit search by meaning,
                                               look for code links in every stored paper's text, and
                                               re-score trending with the configured weights
  digest send [--period daily|weekly] [--dry-run] [--date DAY]
                                               compose and send the digest now (weekly: to every weekly
                                               subscriber); --dry-run lists what would be sent
  user add EMAIL [--role user|moderator|admin] create an account (it signs in by mailed link), or set its role
  user block|unblock USER [--note TEXT]       block a member (username or email: sessions end, sign-in and
                                               tokens refused, comments hidden), or lift the block
  paper hide|restore|feature|unfeature ID [--note TEXT]
                                               hide a paper from listings, search, feeds and the API (kept,
                                               restorable), or feature it on the front page
  token create EMAIL [--name NAME]             a personal API token for the account (printed once)
  backup FILE                                  write a consistent copy of the SQLite database to FILE
  db copy --to postgres://…                    copy this SQLite install into an empty PostgreSQL database
                                               (resumable: run it again after an interruption); verified by
                                               counting every table; exit 1 when a count differs
  demo remove                                  delete the demo papers loaded on first start

Configuration comes from the environment (PAPERBOARD_DB, HOST, PORT, DEMO_DATA, …): see README.md.`;

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  { positionals }: { positionals: [min: number, max: number] },
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const count = parsed.positionals.length;
  if (count < positionals[0] || count > positionals[1]) {
    throw new UsageError(count < positionals[0] ? 'missing argument' : `unexpected argument "${parsed.positionals[positionals[1]]}"`);
  }
  return parsed;
}
