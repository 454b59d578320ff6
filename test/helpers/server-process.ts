// A real `paperboard serve` in a child process: what a load or latency test measures from outside, so the test's own
// work never shares the server's event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths.ts';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far (its log). */
  log(): string;
  /** SIGTERM, and the exit code it stopped with. */
  stop(): Promise<number | null>;
}

export async function startServerProcess(env: NodeJS.ProcessEnv, args: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/paperboard.js'), 'serve', '--port', '0', ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', DEMO_DATA: 'off', CATCH_UP: 'off', THUMBNAILS: 'cards', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Paperboard: (http:\/\/\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`serve exited early with ${code}: ${stderr}`)));
      setTimeout(() => reject(new Error('serve did not start within 60 s')), 60_000).unref();
    });
    return {
      url,
      child,
      log: () => stderr,
      async stop() {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
