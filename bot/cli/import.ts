import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { formatIssues } from '../../scoring';
import {
  importDataset,
  ImportError,
  type ImportDependencies,
  type ImportSummary,
} from '../import/importDataset';
import { attachRuntime } from '../runtime';
import { command, parseArgs, readJsonFile } from './common';
import { describeFailure } from './failure';

/**
 * `npm run import -- FILE...`: validates each partner dataset, stores it as a new version with its
 * score snapshot and makes it current (data identical to the current version is no new version).
 * Exit code 0 when every file was imported or unchanged, 2 when any file was invalid or its tenant
 * is another partner's (nothing of it is stored; the other files still are), 1 when the store failed.
 */

const TRACK = { enterprise: 'Enterprise', smb: 'SMB' } as const;

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

export function formatSummary(file: string, s: ImportSummary): string {
  const names = (record: Record<string, number>): string =>
    Object.entries(record)
      .map(([name, rows]) => `"${name}" (${rows} row${rows === 1 ? '' : 's'})`)
      .join(', ') || '—';
  const head = s.headline;
  if (s.unchanged)
    return [
      `Unchanged ${file} → partner ${s.partnerId} ${s.partnerName}: identical to the current version ${s.versionId} (as of ${head.asOf}); nothing stored`,
      `  headline: ${TRACK[head.path]} ${fmt(head.total)} (${head.qualified ? 'qualified' : 'not qualified'})`,
    ].join('\n');
  const was = s.previous
    ? ` — was ${TRACK[s.previous.path]} ${fmt(s.previous.total)} as of ${s.previous.asOf} (${head.total - s.previous.total >= 0 ? '+' : ''}${fmt(Math.round((head.total - s.previous.total) * 100) / 100)})`
    : ' — first version';
  const lines = [
    `Imported ${file} → partner ${s.partnerId} ${s.partnerName}, version ${s.versionId}${s.current ? ' (current)' : ' (stored; a newer dataset stays current)'}`,
    `  rows: ${s.rows.azure.toLocaleString('en-US')} Azure · ${s.rows.m365.toLocaleString('en-US')} Microsoft 365 · ${s.rows.mau.toLocaleString('en-US')} MAU · ${s.rows.certifications.toLocaleString('en-US')} certifications (${s.chunks} chunks)`,
    `  unknown names: services ${names(s.unknownNames.services)}; workloads ${names(s.unknownNames.workloads)}; associations ${names(s.unknownNames.associations)}`,
    `  clamped rows (active > paid licenses): ${s.clampedRows}`,
    ...(s.rowsWithoutOffer > 0
      ? [`  offer filter not applied: ${s.rowsWithoutOffer} Azure rows have no offer (Partner Center's usage download has none)`]
      : []),
    `  headline: ${TRACK[head.path]} ${fmt(head.total)} (${head.qualified ? 'qualified' : 'not qualified'})${was}`,
  ];
  if (s.registeredTenant) lines.push(`  Teams tenant ${s.registeredTenant} is registered to this partner`);
  if (s.deletedVersions.length > 0)
    lines.push(`  retention: deleted ${s.deletedVersions.length} old version(s)`);
  return lines.join('\n');
}

function progress(file: string): {
  onProgress: NonNullable<ImportDependencies['onProgress']>;
  stop: () => void;
} {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: `${path.basename(file)} [{bar}] {value}/{total} chunks`,
      stream: process.stderr,
      hideCursor: true,
    });
    let started = false;
    return {
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  // Not a terminal: a plain line every 10%.
  let lastDecile = -1;
  return {
    onProgress: (done, total) => {
      const decile = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (decile !== lastDecile && total >= 20)
        process.stderr.write(`${file}: ${done}/${total} chunks stored\n`);
      lastDecile = decile;
    },
    stop: () => undefined,
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = command(
    'import',
    'Import partner datasets into the store as new versions with their score snapshots.',
  )
    .option('--json', 'print one JSON summary per file (JSON Lines)')
    .option('--no-register', "do not register the dataset's partner and partner.tenantId")
    .argument('<file...>', 'partner dataset JSON files');
  const stopped = await parseArgs(program, argv);
  if (stopped !== undefined) return stopped;
  const options = program.opts<{ json?: boolean; register: boolean }>();

  let runtime;
  try {
    runtime = await attachRuntime('import');
  } catch (error) {
    process.stderr.write(`${describeFailure(error)}\n`);
    return 1;
  }
  let exitCode = 0;
  try {
    for (const file of program.args) {
      const read = await readJsonFile(file);
      if (!read.ok) {
        process.stderr.write(`${file}: ${read.reason} — nothing stored\n`);
        exitCode = 2;
        continue;
      }
      const bar = progress(file);
      let outcome;
      try {
        outcome = await importDataset(runtime.importDependencies(bar.onProgress), {
          document: read.document,
          source: path.basename(file),
          register: options.register,
        });
      } catch (error) {
        // The file's tenant is another partner's: this file is refused, the others still go in.
        if (!(error instanceof ImportError && error.code === 'TENANT_TAKEN')) throw error;
        exitCode = 2;
        process.stderr.write(`${file}: ${error.code}: ${error.message} — nothing stored\n`);
        if (options.json)
          process.stdout.write(
            `${JSON.stringify({ file, error: { code: error.code, message: error.message } })}\n`,
          );
        continue;
      } finally {
        bar.stop();
      }
      if (!outcome.ok) {
        exitCode = 2;
        process.stderr.write(
          `${file}: invalid partner dataset (${outcome.errorCount} problem${outcome.errorCount === 1 ? '' : 's'}) — nothing stored\n`,
        );
        for (const line of formatIssues(outcome.errors, outcome.errorCount))
          process.stderr.write(`  ${line}\n`);
        if (options.json)
          process.stdout.write(
            `${JSON.stringify({ file, errors: outcome.errors, errorCount: outcome.errorCount })}\n`,
          );
        continue;
      }
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ file, ...outcome.summary })}\n`
          : `${formatSummary(file, outcome.summary)}\n`,
      );
    }
  } catch (error) {
    process.stderr.write(`${describeFailure(error)}\n`);
    exitCode = 1;
  } finally {
    await runtime.store.close();
  }
  return exitCode;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
