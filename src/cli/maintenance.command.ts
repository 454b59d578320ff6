// `reindex`, `backup FILE`, `demo remove`: operations on the stored data.
import { backupDatabase } from '../db/database.ts';
import { withContext } from './context.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

export async function reindexCommand(args: string[]): Promise<number> {
  parseCommandArgs(args, {}, { positionals: [0, 0] });
  return withContext(async ({ services }) => {
    const started = Date.now();
    await services.search.reindex();
    console.log(`keyword index rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const semantic = await services.search.refitSemantic((message) => console.log(message));
    console.log(
      `semantic index: ${semantic.vectors} papers; fit ${semantic.fitSeconds.toFixed(1)} s, embed ${semantic.embedSeconds.toFixed(1)} s, ` +
        `vector index ${semantic.indexSeconds.toFixed(1)} s`,
    );
    // Papers stored before code links were looked for get theirs now (repeat runs add nothing twice).
    await services.code.backfillFromText((message) => console.log(message));
    const rescoring = Date.now();
    const moved = await services.papers.rescoreAll();
    console.log(`trending scores: ${moved.toLocaleString('en')} changed with this site's weights in ${((Date.now() - rescoring) / 1000).toFixed(1)} s`);
    return 0;
  });
}

export async function backupCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, { positionals: [1, 1] });
  const file = positionals[0] as string;
  return withContext(async ({ db }) => {
    await backupDatabase(db, file);
    console.log(`backup written to ${file}`);
    return 0;
  });
}

export async function demoCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, { positionals: [1, 1] });
  if (positionals[0] !== 'remove') throw new UsageError(`unknown demo command "${positionals[0]}" (try "demo remove")`);
  return withContext(async ({ services }) => {
    const removed = await services.demo.remove();
    console.log(`removed ${removed.papers} demo papers, ${removed.listings} demo listings and ${removed.repositories} repositories only they linked to`);
    return 0;
  });
}
