import { createHash } from 'node:crypto';
import { scoreAlerts } from '../../scoring/alerts';
import { addDays } from '../../scoring/calendar';
import { findAttribution } from '../../scoring/attribution';
import { forecast } from '../../scoring/forecast';
import { historyPointOf, scoreHistory } from '../../scoring/history';
import {
  scorePartner,
  toScoreResult,
  validateDataset,
  type DatasetIssue,
  type PartnerDataset,
  type Track,
} from '../../scoring';
import type { UnknownNames } from '../../scoring/aggregate';
import type { Logger } from '../log';
import type { ChunkDoc, SnapshotHead, VersionDoc } from '../store/documents';
import { RegistrationError, type PartnerRepository } from '../store/partners';
import { customerBucket, snapshotHead } from '../../scoring/snapshot';
import { versionKeyOf, type VersionRepository } from '../store/versions';

/** Rows per chunk document: ≈ 0.8 MB of JSON, well under Cosmos DB's 2 MB item limit. */
export const CHUNK_ROWS = 5_000;
/** Customer explanations per bucket document. */
const CUSTOMERS_PER_BUCKET = 500;
/** A version still "writing" after this long belongs to an import that died: retention removes it. */
const STALE_WRITING_MS = 60 * 60 * 1000;

export interface ImportDependencies {
  readonly partners: Pick<PartnerRepository, 'get' | 'register'>;
  readonly versions: Pick<
    VersionRepository,
    | 'current'
    | 'version'
    | 'createVersion'
    | 'replaceVersion'
    | 'writeChunk'
    | 'writeSnapshot'
    | 'advanceCurrent'
    | 'versions'
    | 'deleteVersion'
  >;
  readonly log: Logger;
  readonly now: () => Date;
  /** Days an `asOf` may be after today (UTC) before the import refuses it (IMPORT_FUTURE_TOLERANCE_DAYS). */
  readonly futureToleranceDays: number;
  readonly newVersionId: () => string;
  /** Dataset versions kept per partner (the current one always stays). */
  readonly keepVersions: number;
  readonly chunkRows?: number;
  /** Chunk writes in flight at once. */
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ImportRequest {
  /** The parsed dataset document (unvalidated). */
  readonly document: unknown;
  /** Where it came from (a file name), kept with the version. */
  readonly source: string;
  /** Register the dataset's partner and its `partner.tenantId` (default true). */
  readonly register?: boolean;
}

export interface HeadlineFigure {
  readonly versionId: string;
  readonly asOf: string;
  readonly path: Track;
  readonly total: number;
  readonly qualified: boolean;
}

export interface ImportSummary {
  readonly partnerId: string;
  readonly partnerName: string;
  readonly versionId: string;
  readonly rows: VersionDoc['rowCounts'];
  readonly chunks: number;
  readonly unknownNames: UnknownNames;
  readonly clampedRows: number;
  /** Azure rows without an offer (Partner Center's download has none): the offer filter was not applied. */
  readonly rowsWithoutOffer: number;
  /** Rows the score did not count, per reason (the import summary card lists them). */
  readonly excludedRows: SnapshotHead['dataQuality']['excludedRows'];
  /** I-8: rows of services that left Microsoft's list, per service with the day it left. */
  readonly servicesLeftList: NonNullable<SnapshotHead['dataQuality']['servicesLeftList']>;
  readonly headline: HeadlineFigure;
  readonly previous?: HeadlineFigure;
  /** Whether this version is now the partner's current one (false when the current one holds newer data). */
  readonly current: boolean;
  /** The data is identical to the current version's: nothing was stored, `versionId` is the current one. */
  readonly unchanged: boolean;
  readonly registeredTenant?: string;
  readonly deletedVersions: readonly string[];
}

export type ImportOutcome =
  | { readonly ok: true; readonly summary: ImportSummary }
  | { readonly ok: false; readonly errors: readonly DatasetIssue[]; readonly errorCount: number };

/** An import refused for what the store holds: the dataset's `partner.tenantId` is another partner's. */
export class ImportError extends Error {
  constructor(
    readonly code: 'TENANT_TAKEN',
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

function figure(versionId: string, head: Pick<SnapshotHead, 'asOf' | 'headline' | 'paths'>): HeadlineFigure {
  const path = head.paths[head.headline];
  return { versionId, asOf: head.asOf, path: head.headline, total: path.total, qualified: path.qualified };
}

/**
 * SHA-256 of the dataset with every object's keys sorted: the same data hashes the same whatever the
 * file's key order or layout. Rows are hashed one by one (a 1,000,000-row dataset is never one string).
 */
export function contentHash(dataset: PartnerDataset): string {
  const hash = createHash('sha256');
  // Below the top level the schema has only flat objects (rows, partner, designation): a sorted key
  // list given to JSON.stringify is their canonical form.
  const canonical = (value: unknown): string =>
    JSON.stringify(
      value,
      value !== null && typeof value === 'object' ? Object.keys(value).sort() : undefined,
    );
  for (const key of Object.keys(dataset).sort()) {
    const value = (dataset as Record<string, unknown>)[key];
    hash.update(`${JSON.stringify(key)}:`);
    if (Array.isArray(value)) {
      hash.update(`[${value.length}]`);
      for (const row of value) hash.update(`${canonical(row)}\n`);
    } else hash.update(`${canonical(value)}\n`);
  }
  return hash.digest('hex');
}

/**
 * The import edge's check of `asOf` against today (the engine has no clock): data cannot have been
 * pulled after today, beyond `toleranceDays` for time zones and clocks.
 */
function asOfInTheFuture(asOf: string, now: Date, toleranceDays: number): DatasetIssue | undefined {
  const today = now.toISOString().slice(0, 10);
  const latest = addDays(today, toleranceDays);
  if (asOf <= latest) return undefined;
  return {
    path: 'asOf',
    field: 'asOf',
    reason: `${asOf} is after today (${today}; at most ${latest} is accepted, IMPORT_FUTURE_TOLERANCE_DAYS=${toleranceDays}): data cannot have been pulled in the future`,
  };
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Validates a dataset (and its asOf against today), stores it as a new version (rows in chunks, then
 * the score snapshot), and only then makes it the partner's current version with an ETag-guarded
 * write unless the current one holds newer data. Invalid input stores nothing; data identical to the
 * current version stores nothing either ("unchanged"); a failure part way leaves the previous
 * version current and complete.
 */
export async function importDataset(
  deps: ImportDependencies,
  request: ImportRequest,
): Promise<ImportOutcome> {
  const validation = validateDataset(request.document);
  if (!validation.ok) return { ok: false, errors: validation.errors, errorCount: validation.errorCount };
  const dataset = validation.dataset;
  const future = asOfInTheFuture(dataset.asOf, deps.now(), deps.futureToleranceDays);
  if (future) return { ok: false, errors: [future], errorCount: 1 };
  const source = request.document as PartnerDataset;
  const { partnerId, name: partnerName, tenantId } = source.partner;
  const log = deps.log.child({ partnerId });

  // The registration first: a tenant of another partner is refused before any of the data is written.
  const register = request.register ?? true;
  if (register) await registerPartner(deps, partnerId, partnerName, tenantId);
  const registeredTenant = register && tenantId ? { registeredTenant: tenantId } : {};

  // The same data again (a re-run, a retried schedule) is no new version: no history point, no alerts.
  const hash = contentHash(source);
  const previous = await deps.versions.current(partnerId);
  const currentVersion = previous && (await deps.versions.version(partnerId, previous.doc.versionId));
  if (previous && currentVersion?.contentHash === hash) {
    log.info({ versionId: currentVersion.versionId }, 'import: unchanged');
    const { head } = previous.doc;
    return {
      ok: true,
      summary: {
        partnerId,
        partnerName,
        versionId: currentVersion.versionId,
        rows: currentVersion.rowCounts,
        chunks: currentVersion.chunkCount,
        unknownNames: head.dataQuality.unknownNames,
        clampedRows: head.dataQuality.warningCount,
        rowsWithoutOffer: head.dataQuality.azureRowsWithoutOffer ?? 0,
        excludedRows: head.dataQuality.excludedRows,
        servicesLeftList: head.dataQuality.servicesLeftList ?? [],
        headline: figure(currentVersion.versionId, head),
        current: true,
        unchanged: true,
        ...registeredTenant,
        deletedVersions: [],
      },
    };
  }

  const report = scorePartner(dataset);
  const result = toScoreResult(report);
  // Issue 7, kept in the head so that the score, trend and forecast cards stay one point read: the
  // next months if nothing new happens (the full dataset is here, at import), and the score per
  // data month from the stored versions (before this one is created).
  const projection = forecast(report);
  // Issue 12: the attribution finder needs the rows, which are only here.
  const attribution = findAttribution(report);
  const history = scoreHistory(await deps.versions.versions(partnerId), historyPointOf(result));
  const versionId = deps.newVersionId();
  const versionKey = versionKeyOf(partnerId, versionId);
  const rows: VersionDoc['rowCounts'] = {
    azure: source.azureConsumption.length,
    m365: source.m365Licenses.length,
    mau: source.mau?.length ?? 0,
    certifications: source.certifications.length,
  };

  const size = deps.chunkRows ?? CHUNK_ROWS;
  const buckets = Math.max(1, Math.ceil(result.customers.length / CUSTOMERS_PER_BUCKET));
  const customerBuckets: unknown[][] = Array.from({ length: buckets }, () => []);
  for (const customer of result.customers)
    customerBuckets[customerBucket(customer.tenantId, buckets)]!.push(customer);
  const { azureConsumption, m365Licenses, mau, certifications, ...document } = source;
  const chunks: ChunkDoc[] = [];
  const add = (kind: ChunkDoc['kind'], parts: unknown[][]): void => {
    parts.forEach((items, index) =>
      chunks.push({ id: `${kind}:${index}`, versionKey, partnerId, versionId, kind, index, items }),
    );
  };
  add('document', [[document]]);
  add('azureConsumption', chunked(azureConsumption, size));
  add('m365Licenses', chunked(m365Licenses, size));
  add('mau', chunked(mau ?? [], size));
  add('certifications', chunked(certifications, size));
  add('customers', customerBuckets);

  const version: VersionDoc = {
    id: `version:${versionId}`,
    type: 'version',
    partnerId,
    versionId,
    status: 'writing',
    asOf: dataset.asOf,
    importedAt: deps.now().toISOString(),
    source: request.source,
    rowCounts: rows,
    chunkCount: chunks.length,
    contentHash: hash,
  };
  await deps.versions.createVersion(version);
  log.info({ versionId, chunks: chunks.length, rows }, 'import: writing version');

  const concurrency = deps.concurrency ?? 4;
  let done = 0;
  deps.onProgress?.(0, chunks.length);
  for (let i = 0; i < chunks.length; i += concurrency) {
    await Promise.all(
      chunks.slice(i, i + concurrency).map(async (chunk) => {
        await deps.versions.writeChunk(chunk);
        deps.onProgress?.(++done, chunks.length);
      }),
    );
  }

  const head: SnapshotHead = {
    ...snapshotHead(result, buckets),
    history,
    forecast: projection,
    attribution,
  };
  await deps.versions.writeSnapshot(partnerId, versionId, head);
  const paths = result.paths;
  await deps.versions.replaceVersion({
    ...version,
    status: 'complete',
    summary: {
      headline: result.headline,
      totals: { enterprise: paths.enterprise.total, smb: paths.smb.total },
      qualified: { enterprise: paths.enterprise.qualified, smb: paths.smb.qualified },
    },
    alerts: scoreAlerts(previous?.doc.head, head),
  });

  const becameCurrent = await deps.versions.advanceCurrent({
    id: 'current',
    type: 'current',
    partnerId,
    versionId,
    updatedAt: deps.now().toISOString(),
    importedAt: version.importedAt,
    head,
  });
  log.info({ versionId, current: becameCurrent }, 'import: version complete');
  const deletedVersions = await applyRetention(deps, partnerId, log);

  return {
    ok: true,
    summary: {
      partnerId,
      partnerName,
      versionId,
      rows,
      chunks: chunks.length,
      unknownNames: result.dataQuality.unknownNames,
      clampedRows: result.dataQuality.warnings.length,
      rowsWithoutOffer: result.dataQuality.azureRowsWithoutOffer ?? 0,
      excludedRows: result.dataQuality.excludedRows,
      servicesLeftList: result.dataQuality.servicesLeftList ?? [],
      headline: figure(versionId, head),
      ...(previous ? { previous: figure(previous.doc.versionId, previous.doc.head) } : {}),
      current: becameCurrent,
      unchanged: false,
      ...registeredTenant,
      deletedVersions,
    },
  };
}

/** Registers the dataset's partner and `partner.tenantId` when not yet so (TENANT_TAKEN when it is another partner's). */
async function registerPartner(
  deps: ImportDependencies,
  partnerId: string,
  name: string,
  tenantId: string | undefined,
): Promise<void> {
  const existing = await deps.partners.get(partnerId);
  if (existing && (!tenantId || existing.tenantIds.includes(tenantId)) && existing.name === name) return;
  try {
    await deps.partners.register({ partnerId, name, tenantIds: tenantId ? [tenantId] : [] });
  } catch (error) {
    if (error instanceof RegistrationError && error.code === 'TENANT_TAKEN')
      throw new ImportError('TENANT_TAKEN', `partner.tenantId: ${error.message}`);
    throw error;
  }
}

/** Keeps the newest `keepVersions` complete versions and the current one; removes dead imports. */
async function applyRetention(deps: ImportDependencies, partnerId: string, log: Logger): Promise<string[]> {
  const current = (await deps.versions.current(partnerId))?.doc.versionId;
  const versions = await deps.versions.versions(partnerId);
  const now = deps.now().getTime();
  let kept = 0;
  const doomed: string[] = [];
  for (const v of versions) {
    if (v.versionId === current) {
      kept += 1;
      continue;
    }
    if (v.status === 'writing') {
      if (now - Date.parse(v.importedAt) > STALE_WRITING_MS) doomed.push(v.versionId);
      continue;
    }
    if (kept < deps.keepVersions) kept += 1;
    else doomed.push(v.versionId);
  }
  const deleted: string[] = [];
  for (const versionId of doomed) {
    try {
      await deps.versions.deleteVersion(partnerId, versionId);
      deleted.push(versionId);
    } catch (error) {
      // Retention is housekeeping: the next import tries again.
      log.warn({ versionId, err: error }, 'retention: could not delete a version');
    }
  }
  return deleted;
}
