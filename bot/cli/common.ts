import { readFile } from 'node:fs/promises';
import { Command } from 'commander';

/** What the commands share: a commander program that reports usage errors as exit code 2, and JSON files. */

export function command(name: string, description: string): Command {
  return new Command()
    .name(name)
    .description(description)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Parses argv; undefined when it went on, else the exit code (0 after --help, 2 for a usage error). */
export async function parseArgs(program: Command, argv: readonly string[]): Promise<number | undefined> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return undefined;
  } catch (error) {
    return (error as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
}

/** A JSON file's parsed content, or the reason it cannot be used. */
export async function readJsonFile(
  file: string,
): Promise<{ ok: true; document: unknown } | { ok: false; reason: string }> {
  try {
    return { ok: true, document: JSON.parse(await readFile(file, 'utf8')) as unknown };
  } catch (error) {
    return {
      ok: false,
      reason:
        error instanceof SyntaxError
          ? `is not valid JSON: ${error.message}`
          : `cannot be read: ${(error as Error).message}`,
    };
  }
}
