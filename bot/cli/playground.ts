import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { config as loadDotenv } from 'dotenv';
import { botConfigSchema, readConfig } from '../config';
import { describeFailure } from './failure';

/**
 * `npm run playground`: the Microsoft 365 Agents Playground (a local Teams-like client) against the
 * bot that `npm start` runs on PORT. The playground's cli.js runs under node directly (no npx), so
 * this process and its child can be stopped by PID; SIGINT and SIGTERM are passed on to it.
 * Extra arguments go to the playground (`npm run playground -- -p 56151`).
 */

const CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');

function main(): void {
  loadDotenv({ quiet: true });
  const { PORT, MicrosoftAppId } = readConfig(botConfigSchema);
  const endpoint = `http://127.0.0.1:${PORT}/api/messages`;
  const logFile = path.join(tmpdir(), `m365agentsplayground-${process.pid}.log`);
  if (MicrosoftAppId) {
    process.stderr.write(
      'MicrosoftAppId is set: the bot requires Bot Framework tokens; for the playground run `npm start` without it (local mode).\n',
    );
  }
  process.stdout.write(
    `Agents Playground for the bot at ${endpoint} (\`npm start\` runs it); log: ${logFile}\n`,
  );

  const child = spawn(
    process.execPath,
    [CLI, '-e', endpoint, '-c', 'msteams', '--disable-telemetry', ...process.argv.slice(2)],
    {
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );

  process.stdout.write(`Playground pid ${child.pid}; stop with Ctrl+C or \`kill ${process.pid}\`\n`);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    // A busy port silently moves the playground to another one: the line says which.
    const listening = /Listening on (\d+)/.exec(line);
    if (listening) process.stdout.write(`Agents Playground UI: http://localhost:${listening[1]}\n`);
  });

  let forwarded: NodeJS.Signals | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      forwarded = signal;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    process.stderr.write(`${describeFailure(error)}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (code !== null) process.exit(code);
    process.exit(signal === forwarded ? 0 : 1);
  });
}

try {
  main();
} catch (error) {
  process.stderr.write(`${describeFailure(error)}\n`);
  process.exitCode = 1;
}
