// The `paperboard` command: picks a subcommand, maps errors to exit codes (2: usage, 1: failure).
import { ConfigError } from '../config.ts';
import { AppError } from '../errors.ts';
import { digestCommand } from './digest.command.ts';
import { importCommand } from './import.command.ts';
import { ingestCommand } from './ingest.command.ts';
import { backupCommand, demoCommand, reindexCommand } from './maintenance.command.ts';
import { serveCommand } from './serve.command.ts';
import { tokenCommand } from './token.command.ts';
import { userCommand } from './user.command.ts';
import { paperCommand } from './paper.command.ts';
import { dbCommand } from './db.command.ts';
import { USAGE, UsageError } from './usage.ts';

const commands: Record<string, (args: string[]) => Promise<number>> = {
  serve: serveCommand,
  import: importCommand,
  ingest: ingestCommand,
  reindex: reindexCommand,
  backup: backupCommand,
  demo: demoCommand,
  user: userCommand,
  paper: paperCommand,
  token: tokenCommand,
  digest: digestCommand,
  db: dbCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  return command(args);
}

/** Programming errors keep their stack; anything else is reported by its message. */
function isOperational(error: unknown): boolean {
  return error instanceof Error && !(error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`paperboard: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof ConfigError || error instanceof AppError || isOperational(error)) {
    // What went wrong outside the program (a server, a file, the input): the message says it all.
    console.error(`paperboard: ${(error as Error).message}`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
