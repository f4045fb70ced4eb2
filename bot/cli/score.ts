import { formatIssues, scorePartner, toScoreResult, validateDataset, type DatasetIssue } from '../../scoring';
import { command, parseArgs, readJsonFile } from './common';
import { renderReport } from './report';

/**
 * `npm run --silent score -- [--json] FILE...`: scores each partner dataset. With --json, one JSON
 * object per file on stdout (JSON Lines, ../shared/contract/score-result.md); otherwise a report for
 * a person. Exit code 2 when any file is unreadable or invalid (errors also on stderr).
 */

type FileOutcome =
  | { file: string; errors: DatasetIssue[]; errorCount: number }
  | { file: string; result: ReturnType<typeof toScoreResult>; report: ReturnType<typeof scorePartner> };

async function scoreFile(file: string): Promise<FileOutcome> {
  const read = await readJsonFile(file);
  if (!read.ok) return { file, errors: [{ path: '(file)', reason: read.reason }], errorCount: 1 };
  const validation = validateDataset(read.document);
  if (!validation.ok) return { file, errors: [...validation.errors], errorCount: validation.errorCount };
  const report = scorePartner(validation.dataset);
  return { file, report, result: toScoreResult(report) };
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = command(
    'score',
    'Score Solutions Partner for Security partner datasets (../shared/contract/partner-dataset.md).',
  )
    .option('--json', 'print one JSON object per file (JSON Lines) instead of a report')
    .option('--no-color', 'plain text report')
    .argument('<file...>', 'partner dataset JSON files');
  const stopped = await parseArgs(program, argv);
  if (stopped !== undefined) return stopped;
  const options = program.opts<{ json?: boolean; color: boolean }>();
  let failed = false;
  for (const file of program.args) {
    const outcome = await scoreFile(file);
    if ('errors' in outcome) {
      failed = true;
      process.stderr.write(
        `${file}: invalid partner dataset (${outcome.errorCount} problem${outcome.errorCount === 1 ? '' : 's'})\n`,
      );
      for (const line of formatIssues(outcome.errors, outcome.errorCount))
        process.stderr.write(`  ${line}\n`);
      if (options.json)
        process.stdout.write(
          `${JSON.stringify({ file, errors: outcome.errors, errorCount: outcome.errorCount })}\n`,
        );
      continue;
    }
    if (options.json) process.stdout.write(`${JSON.stringify(outcome.result)}\n`);
    else
      process.stdout.write(
        `${renderReport(outcome.report, { color: options.color && Boolean(process.stdout.isTTY) })}\n`,
      );
  }
  return failed ? 2 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`score failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
