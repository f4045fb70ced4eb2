import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** What the benchmarks share: project files found from here (source or compiled), child processes. */

/** A file of the project, found upwards from this file: it runs from test/bench or dist-bench/test/bench. */
export function projectFile(relative: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${relative} not found above ${__dirname}`);
  }
}

export const projectRoot = (): string => path.dirname(projectFile('package.json'));

/** Stops `child` with SIGKILL unless it has already ended. */
export function killer(child: ChildProcess): () => void {
  return () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
}

/**
 * The Cosmos-compatible store in a process of its own, as Azure Cosmos DB is remote in production:
 * the measurements then do not include the store's own CPU and GC on the measured thread. Killed
 * when this process exits.
 */
export async function startStoreProcess(): Promise<{
  port: number;
  pid: number | undefined;
  stop: () => void;
}> {
  const script = [
    "const { createHttpServer } = require('@vercel/cosmosdb-server');",
    'const server = createHttpServer({ keepAlive: true });',
    'server.keepAliveTimeout = 0;',
    "server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));",
  ].join('\n');
  const child = spawn(process.execPath, ['-e', script], {
    cwd: projectRoot(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = killer(child);
  process.once('exit', stop);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the store exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { port: number }).port),
    );
  });
  return { port, pid: child.pid, stop };
}
