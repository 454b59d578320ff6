// Shared bench plumbing: the machine line every benchmark prints, and a fresh database on a path.
import fs from 'node:fs';
import os from 'node:os';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { createServices } from '../src/app/services.ts';

export function machineLine(): string {
  return `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown cpu'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}

/** Services on the database at `file`, configured by defaults and `env` only (never the caller's environment, but SEARCH_WORKERS). */
export async function openBenchDatabase(file: string, { fresh, env = {} }: { fresh: boolean; env?: Record<string, string> }) {
  if (fresh) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const config = loadConfig({ PAPERBOARD_DB: file, LOG_LEVEL: 'silent', ...(process.env.SEARCH_WORKERS ? { SEARCH_WORKERS: process.env.SEARCH_WORKERS } : {}), ...env });
  const db = await openDatabase(config.database);
  // The benches seed SQLite files directly (bulk inserts the services would mail or slow down): they hold the raw handle.
  if (db.engine !== 'sqlite') throw new Error('this bench runs on a SQLite file');
  return { db, config, services: createServices(db, config) };
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** The database bench/import.ts built for N papers; exits with the command to run when it is missing. */
export function importedDatabase(file: string, n: number): string {
  if (!fs.existsSync(file)) {
    console.error(`no database at ${file}: run bench/import.ts ${n} first`);
    process.exit(1);
  }
  return file;
}
