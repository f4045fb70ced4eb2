import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { formatIssues } from '../../scoring';
import {
  importDataset,
  ImportError,
  type ImportDependencies,
  type ImportSummary,
} from '../import/importDataset';
import {
  filesFromZip,
  readPartnerCenterFiles,
  REPORT_TITLE,
  type ReadOutcome,
  type SourceFile,
} from '../import/partnerCenter';
import { attachRuntime } from '../runtime';
import { command, parseArgs, readJsonFile } from './common';
import { describeFailure } from './failure';

/**
 * `npm run import -- FILE...`: JSON partner datasets one per file; Partner Center downloads
 * (CSV/TSV/ZIP) with an optional partner-info YAML/JSON together as ONE partner's dataset, read by
 * bot/import/partnerCenter (a problem in any of them: exit 2, each problem listed, nothing stored).
 * Validates each partner dataset, stores it as a new version with its score snapshot and makes it
 * current (data identical to the current version is no new version).
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
      ? [
          `  offer filter not applied: ${s.rowsWithoutOffer} Azure rows have no offer (Partner Center's usage download has none)`,
        ]
      : []),
    // I-8: the rows that stopped counting because their service left Microsoft's list.
    ...s.servicesLeftList.map(
      (left) =>
        `  stopped counting: ${left.service} — ${left.rows.toLocaleString('en-US')} Azure row${left.rows === 1 ? '' : 's'} ($${left.usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}), no longer on Microsoft's list of eligible services since ${left.endsOn}`,
    ),
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

/** Per Partner Center file: its report, rows read and used, rows not counted and why; unknown titles. */
export function formatReading(read: Extract<ReadOutcome, { ok: true }>): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = read.files.map((f) => {
    const skipped = f.rowsSkipped.map((s) => `${n(s.rows)} ${s.reason}`).join('; ');
    return f.report === 'partnerInfo'
      ? `  ${f.file}: ${REPORT_TITLE.partnerInfo}`
      : `  ${f.file}: ${REPORT_TITLE[f.report]} — ${n(f.rowsRead)} rows read, ${n(f.rowsUsed)} used${skipped ? `; not counted: ${skipped}` : ''}`;
  });
  if (read.unknownTitles.length > 0)
    lines.push(
      `  unknown training titles (not counted): ${read.unknownTitles.map((t) => `"${t.title}" (${n(t.rows)} row${t.rows === 1 ? '' : 's'})`).join(', ')}`,
    );
  for (const note of read.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

/** Partner Center downloads (and the partner-info side file) among the arguments. */
const PARTNER_CENTER_FILE = /\.(csv|tsv|txt|zip|ya?ml)$/i;

async function sourceFiles(files: readonly string[]): Promise<SourceFile[]> {
  const sources: SourceFile[] = [];
  for (const file of files) {
    if (/\.zip$/i.test(file))
      sources.push(...(await filesFromZip(path.basename(file), await readFile(file))));
    else sources.push({ name: path.basename(file), open: () => createReadStream(file) });
  }
  return sources;
}

interface Options {
  json?: boolean;
  register: boolean;
  partnerId?: string;
  name?: string;
  asOf: string;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = command(
    'import',
    "Import partner datasets, or one partner's Partner Center downloads, into the store as new versions with their score snapshots.",
  )
    .option('--json', 'print one JSON summary per file (JSON Lines)')
    .option('--no-register', "do not register the dataset's partner and partner.tenantId")
    .option('--partner-id <id>', 'Partner Center downloads: the partner they are for (with --name)')
    .option('--name <name>', "Partner Center downloads: the partner's name (with --partner-id)")
    .option(
      '--as-of <date>',
      'Partner Center downloads: the date the data was pulled, YYYY-MM-DD (default today; a partner-info asOf wins)',
      new Date().toISOString().slice(0, 10),
    )
    .argument(
      '<file...>',
      'partner dataset JSON files (one each), or Partner Center CSV/TSV/ZIP downloads and a partner-info YAML/JSON (together one dataset)',
    );
  const stopped = await parseArgs(program, argv);
  if (stopped !== undefined) return stopped;
  const options = program.opts<Options>();
  if ((options.partnerId === undefined) !== (options.name === undefined)) {
    process.stderr.write('--partner-id and --name go together: give both\n');
    return 2;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
    process.stderr.write(`--as-of ${options.asOf}: must be a date written YYYY-MM-DD\n`);
    return 2;
  }

  // JSON datasets import one per file; everything else (and JSON without schemaVersion: a
  // partner-info file) forms ONE partner's dataset read from Partner Center's downloads.
  const datasets: { file: string; document: unknown }[] = [];
  const downloads: string[] = [];
  let exitCode = 0;
  for (const file of program.args) {
    if (PARTNER_CENTER_FILE.test(file)) {
      downloads.push(file);
      continue;
    }
    const read = await readJsonFile(file);
    if (!read.ok) {
      process.stderr.write(`${file}: ${read.reason} — nothing stored\n`);
      exitCode = 2;
    } else if (
      typeof read.document === 'object' &&
      read.document !== null &&
      !('schemaVersion' in read.document)
    )
      downloads.push(file);
    else datasets.push({ file, document: read.document });
  }

  let reading: Extract<ReadOutcome, { ok: true }> | undefined;
  if (downloads.length > 0) {
    let outcome: ReadOutcome;
    try {
      outcome = await readPartnerCenterFiles(await sourceFiles(downloads), {
        asOf: options.asOf,
        ...(options.partnerId !== undefined && options.name !== undefined
          ? { partner: { partnerId: options.partnerId, name: options.name } }
          : {}),
      });
    } catch (error) {
      // A zip that cannot be opened or a file that cannot be read: named, nothing stored.
      outcome = { ok: false, problems: [{ file: downloads.join(', '), message: (error as Error).message }] };
    }
    if (!outcome.ok) {
      exitCode = 2;
      process.stderr.write(
        `Partner Center files: ${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'} — nothing stored\n`,
      );
      for (const p of outcome.problems)
        process.stderr.write(
          `  ${p.file}${p.row !== undefined ? `, row ${p.row}` : ''}${p.column !== undefined ? `, column ${p.column}` : ''}: ${p.message}\n`,
        );
      if (options.json)
        process.stdout.write(`${JSON.stringify({ files: downloads, problems: outcome.problems })}\n`);
    } else {
      reading = outcome;
      datasets.push({ file: downloads.map((f) => path.basename(f)).join(' + '), document: outcome.document });
    }
  }
  if (datasets.length === 0) return exitCode;

  let runtime;
  try {
    runtime = await attachRuntime('import');
  } catch (error) {
    process.stderr.write(`${describeFailure(error)}\n`);
    return 1;
  }
  try {
    for (const { file, document } of datasets) {
      const fromDownloads = reading !== undefined && document === reading.document;
      if (fromDownloads && reading && !options.json)
        process.stdout.write(`Read ${file} (Partner Center downloads):\n${formatReading(reading)}\n`);
      const bar = progress(file);
      let outcome;
      try {
        outcome = await importDataset(runtime.importDependencies(bar.onProgress), {
          document,
          source: file,
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
      const read =
        fromDownloads && reading
          ? { read: { files: reading.files, unknownTitles: reading.unknownTitles, notes: reading.notes } }
          : {};
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ file, ...read, ...outcome.summary })}\n`
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
