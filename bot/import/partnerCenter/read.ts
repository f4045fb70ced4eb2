import {
  normalizeName,
  ruleSetFor,
  type AzureRow,
  type CertificationRow,
  type M365Row,
  type PartnerDataset,
} from '../../../scoring';
import { csvFailure, csvRecords, type CsvRecord } from './csv';
import { isPartnerInfoName, MAX_PARTNER_INFO_BYTES, parsePartnerInfo, type PartnerInfo } from './partnerInfo';
import {
  COLUMNS,
  EMS_PRODUCTS,
  examOf,
  examTitles,
  HeaderIndex,
  serviceNames,
  type ColumnKey,
} from './reports';
import type { FileProblem, FileReadSummary, ReadContext, ReadOutcome, ReportKind, SourceFile } from './types';
import { isDuplicateFlag, mapAssociation, parseAmount, parseCount, parseDate, parseMonth } from './values';

type MauRow = NonNullable<PartnerDataset['mau']>[number];
type UsageKind = Exclude<ReportKind, 'partnerInfo'>;

/** Problems listed per file: a file wrong on every row says so in the first few. */
export const MAX_PROBLEMS_PER_FILE = 50;

const SKIP = {
  azureDuplicate:
    'duplicate of another attribution in the same global account (IsACRDuplicateAtPGALevel = 1)',
  officeDuplicate: 'duplicate of another attribution in the same global account (IsDuplicateRowForPGA = 1)',
  noTenant: 'no CustomerTenantId',
  noService: 'no service name (ServiceLevel1–4 empty)',
  noWorkload: 'no WorkloadName',
  noAttribution: 'no PartnerAttributionType',
  noUsage: 'no EMS product with paid units or active users',
  unknownTitle: 'training title not mapped to an exam (listed under unknown titles)',
  noPerson: 'no MCPID, CorpEmail or Email',
} as const;

type RowResult =
  | { readonly used: true }
  | { readonly skip: string }
  | { readonly column: ColumnKey; readonly message: string };
const USED: RowResult = { used: true };

interface PendingCertification {
  readonly row: CertificationRow;
  /** The row's MpnId / PGAMpnId values: associated when one of them is the partner's id. */
  readonly partnerIds: readonly string[];
  readonly file: MutableSummary;
}

interface MutableSummary {
  readonly file: string;
  report: ReportKind;
  rowsRead: number;
  rowsUsed: number;
  readonly skipped: Map<string, number>;
}

interface EmsAggregate {
  readonly customerTenantId: string;
  readonly month: string;
  readonly association: string;
  readonly name: string;
  paid: number;
  active: number;
}

/** The partner a usage file names: `ids` (PGAMpnID, else MPNID) decide; `named` holds both. */
interface FilePartner {
  readonly file: string;
  readonly ids: Set<string>;
  readonly named: Set<string>;
  name?: string;
}

/** What one reading collects over all its files. */
class Collected {
  readonly azure: AzureRow[] = [];
  readonly m365: M365Row[] = [];
  readonly mau: MauRow[] = [];
  /** I-PC1: EMS rows per tenant, month, association and product, over the tenant's subscriptions. */
  readonly emsLicenses = new Map<string, EmsAggregate>();
  readonly emsMau = new Map<string, EmsAggregate>();
  readonly certifications: PendingCertification[] = [];
  readonly unknownTitles = new Map<string, number>();
  readonly summaries: MutableSummary[] = [];
  readonly problems: FileProblem[] = [];
  /** Partner ids and names the usage files carry, per file. */
  readonly filePartners: FilePartner[] = [];
  info?: { file: string; info: PartnerInfo };
}

function aggregateEms(
  map: Map<string, EmsAggregate>,
  key: Omit<EmsAggregate, 'paid' | 'active'>,
  paid: number,
  active: number,
): void {
  const id = [key.customerTenantId, key.month, key.association, key.name].join('\u0000');
  const hit = map.get(id);
  if (hit === undefined) map.set(id, { ...key, paid, active });
  else {
    // I-PC1: paid units add up over subscriptions; active users are the tenant's, so the largest.
    hit.paid += paid;
    hit.active = Math.max(hit.active, active);
  }
}

async function readText(file: SourceFile, limit: number): Promise<string | undefined> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.open() as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > limit) return undefined;
    parts.push(bytes);
  }
  return Buffer.concat(parts).toString('utf8');
}

async function readInfo(file: SourceFile, collected: Collected): Promise<void> {
  const text = await readText(file, MAX_PARTNER_INFO_BYTES);
  if (text === undefined) {
    collected.problems.push({
      file: file.name,
      message: `a partner-info file holds a few fields: this one is over ${MAX_PARTNER_INFO_BYTES} bytes`,
    });
    return;
  }
  const parsed = parsePartnerInfo(file.name, text);
  if (!parsed.ok) {
    collected.problems.push(...parsed.problems);
    return;
  }
  if (collected.info !== undefined) {
    collected.problems.push({
      file: file.name,
      message: `a second partner-info file (the first is ${collected.info.file}): give one`,
    });
    return;
  }
  collected.info = { file: file.name, info: parsed.info };
  collected.summaries.push({
    file: file.name,
    report: 'partnerInfo',
    rowsRead: 0,
    rowsUsed: 0,
    skipped: new Map(),
  });
}

type RowReader = (record: CsvRecord) => RowResult;

/** The row reader of one report kind over one file's columns. */
function rowReader(
  kind: UsageKind,
  index: HeaderIndex,
  collected: Collected,
  summary: MutableSummary,
  asOf: string,
): RowReader {
  const rules = ruleSetFor(asOf);
  const positions = new Map<ColumnKey, number | undefined>();
  for (const key of Object.keys(COLUMNS) as ColumnKey[]) positions.set(key, index.position(key));
  let cells: readonly string[] = [];
  /** The cell of a column, '' when the row is short, undefined when the file has no such column. */
  const get = (key: ColumnKey): string | undefined => {
    const at = positions.get(key);
    return at === undefined ? undefined : (cells[at] ?? '');
  };
  const text = (key: ColumnKey): string => get(key) ?? '';
  const bad = (column: ColumnKey, message: string): RowResult => ({ column, message });
  const month = (key: ColumnKey): string | RowResult => {
    const raw = text(key);
    return (
      parseMonth(raw) ??
      bad(key, `"${raw}" is not a month (2026-10, 2026-10-01, 10/1/2026 or an ISO timestamp)`)
    );
  };
  const count = (key: ColumnKey): number | RowResult => {
    const raw = text(key);
    const value = parseCount(raw);
    return value !== undefined && value >= 0
      ? value
      : bad(key, `"${raw}" is not a whole number of 0 or more`);
  };
  const association = (): string => mapAssociation(text('attribution'), get('salesChannel'));
  const name = (): { customerName?: string } => {
    const value = text('customerName');
    return value ? { customerName: value } : {};
  };
  const failed = (value: unknown): value is RowResult => typeof value === 'object';
  const filePartner: FilePartner = { file: summary.file, ids: new Set(), named: new Set() };
  collected.filePartners.push(filePartner);
  const notePartner = (): void => {
    const global = text('globalPartnerId');
    const local = text('partnerId');
    const id = global || local;
    if (id) filePartner.ids.add(id);
    if (global) filePartner.named.add(global);
    if (local) filePartner.named.add(local);
    const partnerName = text('partnerName');
    if (partnerName && filePartner.name === undefined) filePartner.name = partnerName;
  };

  /** The columns the two licence reports (Office 365, CPOR-M365) share, checked in the same order. */
  const licenceColumns = (
    monthColumn: ColumnKey,
  ):
    | RowResult
    | {
        readonly licence: {
          customerTenantId: string;
          month: string;
          workload: string;
          paidLicenses: number;
          activeLicenses: number;
        };
      } => {
    const customerTenantId = text('customerTenantId');
    if (!customerTenantId) return { skip: SKIP.noTenant };
    const m = month(monthColumn);
    if (failed(m)) return m;
    const workload = text('workload');
    if (!workload) return { skip: SKIP.noWorkload };
    const paidLicenses = count('paidUnits');
    if (failed(paidLicenses)) return paidLicenses;
    const activeLicenses = count('activeUsers');
    if (failed(activeLicenses)) return activeLicenses;
    return { licence: { customerTenantId, month: m, workload, paidLicenses, activeLicenses } };
  };

  const readers: Record<UsageKind, () => RowResult> = {
    azureUsage: () => {
      if (isDuplicateFlag(text('azureDuplicate'))) return { skip: SKIP.azureDuplicate };
      const customerTenantId = text('customerTenantId');
      if (!customerTenantId) return { skip: SKIP.noTenant };
      const m = month('month');
      if (failed(m)) return m;
      const raw = text('acr');
      const acrUsd = parseAmount(raw);
      if (acrUsd === undefined || acrUsd < 0)
        return bad('acr', `"${raw}" is not an amount of 0 or more in US dollars`);
      // Security names sit in ServiceLevel4 (Microsoft's own filters); 3 and 2 name some services.
      const levels = (
        [
          'serviceLevel4',
          'serviceLevel3',
          'serviceLevel2',
          'serviceName',
          'meterCategory',
          'serviceLevel1',
        ] as const
      )
        .map(text)
        .filter((v) => v !== '');
      const service = levels.find((v) => known.has(normalizeName(v))) ?? levels[0];
      if (service === undefined) return { skip: SKIP.noService };
      const associationValue = association();
      if (!associationValue) return { skip: SKIP.noAttribution };
      notePartner();
      collected.azure.push({
        customerTenantId,
        ...name(),
        month: m,
        service,
        association: associationValue,
        acrUsd,
      });
      return USED;
    },
    office365Usage: () => {
      if (isDuplicateFlag(text('officeDuplicate'))) return { skip: SKIP.officeDuplicate };
      const read = licenceColumns('month');
      if (!('licence' in read)) return read;
      const associationValue = association();
      if (!associationValue) return { skip: SKIP.noAttribution };
      notePartner();
      collected.m365.push({ ...read.licence, ...name(), association: associationValue });
      return USED;
    },
    emsUsage: () => {
      const customerTenantId = text('customerTenantId');
      if (!customerTenantId) return { skip: SKIP.noTenant };
      const m = month('month');
      if (failed(m)) return m;
      const associationValue = association();
      if (!associationValue) return { skip: SKIP.noAttribution };
      let any = false;
      for (const product of EMS_PRODUCTS) {
        const paidRaw = product.paid ? text(product.paid) : '';
        const activeRaw = text(product.active);
        const paid = paidRaw ? count(product.paid as ColumnKey) : 0;
        if (failed(paid)) return paid;
        const active = activeRaw ? count(product.active) : 0;
        if (failed(active)) return active;
        const key = { customerTenantId, month: m, association: associationValue };
        // Paid units make a license row; an active-user figure (even 0) makes a MAU row.
        if (product.workload !== undefined && paid > 0) {
          aggregateEms(collected.emsLicenses, { ...key, name: product.workload }, paid, active);
          any = true;
        }
        if (activeRaw) {
          aggregateEms(collected.emsMau, { ...key, name: product.product }, 0, active);
          any = true;
        }
      }
      if (!any) return { skip: SKIP.noUsage };
      notePartner();
      return USED;
    },
    cporM365Usage: () => {
      const read = licenceColumns('date');
      if (!('licence' in read)) return read;
      // The report lists CPOR claims: its attribution column, when present, says CPOR.
      const associationValue = get('attribution') ? association() : 'CPOR';
      notePartner();
      const { customerTenantId, month: m, workload, activeLicenses } = read.licence;
      collected.m365.push({ ...read.licence, ...name(), association: associationValue });
      collected.mau.push({
        customerTenantId,
        month: m,
        product: workload,
        association: associationValue,
        activeUsers: activeLicenses,
      });
      return USED;
    },
    trainings: () => {
      const title = text('trainingTitle');
      const exam = examOf(title, titles);
      if (exam === undefined) {
        collected.unknownTitles.set(title, (collected.unknownTitles.get(title) ?? 0) + 1);
        return { skip: SKIP.unknownTitle };
      }
      const personId = text('mcpId') || text('corpEmail').toLowerCase() || text('email').toLowerCase();
      if (!personId) return { skip: SKIP.noPerson };
      const earnedRaw = text('completionDate');
      const earned = parseDate(earnedRaw);
      if (earned === undefined)
        return bad(
          'completionDate',
          `"${earnedRaw}" is not a date (2026-10-15, 10/15/2026 or an ISO timestamp)`,
        );
      const expiresRaw = text('expirationDate');
      const expires = expiresRaw ? parseDate(expiresRaw) : undefined;
      if (expiresRaw && expires === undefined)
        return bad(
          'expirationDate',
          `"${expiresRaw}" is not a date (2026-10-15, 10/15/2026 or an ISO timestamp)`,
        );
      const personName = [text('firstName'), text('lastName')].filter(Boolean).join(' ');
      collected.certifications.push({
        row: {
          personId,
          ...(personName ? { personName } : {}),
          exam,
          earned,
          ...(expires ? { expires } : {}),
        },
        partnerIds: [text('partnerId'), text('globalPartnerId')].filter(Boolean),
        file: summary,
      });
      return USED;
    },
  };
  const known = serviceNames(rules);
  const titles = examTitles(rules);
  const read = readers[kind];
  return (record) => {
    cells = record.cells;
    return read();
  };
}

async function readDelimited(file: SourceFile, collected: Collected, asOf: string): Promise<void> {
  const problems: FileProblem[] = [];
  let problemCount = 0;
  const problem = (p: FileProblem): void => {
    problemCount += 1;
    if (problems.length < MAX_PROBLEMS_PER_FILE) problems.push(p);
  };
  let reader: RowReader | undefined;
  let summary: MutableSummary | undefined;
  let header = false;
  try {
    for await (const record of csvRecords(file.open())) {
      if (!header) {
        header = true;
        const index = new HeaderIndex(record.cells);
        const kind = index.detect();
        if (kind === undefined) {
          problem({
            file: file.name,
            row: record.line,
            message:
              'not a Partner Center download this bot reads (Azure usage, Office 365 or EMS usage, CPOR-M365 usage, trainings): its header has none of their columns',
          });
          break;
        }
        const missing = index.missing(kind);
        for (const column of missing)
          problem({
            file: file.name,
            row: record.line,
            column,
            message: `required column ${column} is missing`,
          });
        if (missing.length > 0) break;
        summary = { file: file.name, report: kind, rowsRead: 0, rowsUsed: 0, skipped: new Map() };
        reader = rowReader(kind, index, collected, summary, asOf);
        continue;
      }
      if (reader === undefined || summary === undefined) break;
      summary.rowsRead += 1;
      const result = reader(record);
      if ('used' in result) summary.rowsUsed += 1;
      else if ('skip' in result)
        summary.skipped.set(result.skip, (summary.skipped.get(result.skip) ?? 0) + 1);
      else {
        problem({
          file: file.name,
          row: record.line,
          column: COLUMNS[result.column].display,
          message: result.message,
        });
        if (problems.length >= MAX_PROBLEMS_PER_FILE) break;
      }
    }
  } catch (error) {
    const failure = csvFailure(error);
    if (failure === undefined) throw error;
    problem({
      file: file.name,
      ...(failure.line !== undefined ? { row: failure.line } : {}),
      message: failure.message,
    });
  }
  if (!header) problem({ file: file.name, message: 'the file is empty' });
  if (problemCount > problems.length)
    problems.push({
      file: file.name,
      message: `and more problems: reading stopped after ${problems.length}`,
    });
  collected.problems.push(...problems);
  if (summary !== undefined) collected.summaries.push(summary);
}

/** ReadContext.partner, else the partner-info file, else the files' MPNID / PartnerName columns. */
function resolvePartner(
  context: ReadContext,
  collected: Collected,
): { partner: PartnerDataset['partner']; note: string } | FileProblem[] {
  if (context.partner !== undefined) {
    const { partnerId, name, tenantId } = context.partner;
    return {
      partner: { partnerId, name, ...(tenantId ? { tenantId } : {}) },
      note: `partner ${partnerId} ${name} as given`,
    };
  }
  if (collected.info?.info.partner !== undefined) {
    const partner = collected.info.info.partner;
    return { partner, note: `partner ${partner.partnerId} ${partner.name} from ${collected.info.file}` };
  }
  const withIds = collected.filePartners.filter((f) => f.ids.size > 0);
  const all = new Set(withIds.flatMap((f) => [...f.ids]));
  const how = 'give it with --partner-id and --name, or in a partner-info file (partner: {partnerId, name})';
  if (all.size === 0)
    return [
      { file: '(all files)', message: `no partner ID: the files carry no MPNID/PartnerID column; ${how}` },
    ];
  if (all.size > 1)
    return [
      {
        file: '(all files)',
        message: `the files name more than one partner ID (${withIds
          .map((f) => `${f.file}: ${[...f.ids].join(', ')}`)
          .join('; ')}): read one partner's files at a time, or ${how}`,
      },
    ];
  const [partnerId = ''] = all; // exactly one
  const name = withIds.find((f) => f.name !== undefined)?.name;
  if (name === undefined)
    return [
      { file: '(all files)', message: `partner ID ${partnerId} has no PartnerName in the files; ${how}` },
    ];
  return {
    partner: { partnerId, name },
    note: `partner ${partnerId} ${name} from the files' MPNID and PartnerName columns`,
  };
}

/**
 * Reads Partner Center downloads (any subset, any order, each one's kind found from its header)
 * and an optional partner-info file into ONE partner's dataset document. Problems in any file
 * fail the whole reading, each with its file, row and column: nothing half-read goes further.
 */
export async function readPartnerCenterFiles(
  files: readonly SourceFile[],
  context: ReadContext,
): Promise<ReadOutcome> {
  const collected = new Collected();
  // The info file first: its asOf chooses the rule set whose names the readers match.
  for (const file of files.filter((f) => isPartnerInfoName(f.name))) await readInfo(file, collected);
  const asOf = collected.info?.info.asOf ?? context.asOf;
  for (const file of files.filter((f) => !isPartnerInfoName(f.name)))
    await readDelimited(file, collected, asOf);
  if (collected.problems.length > 0) return { ok: false, problems: collected.problems };

  const resolved = resolvePartner(context, collected);
  if (Array.isArray(resolved)) return { ok: false, problems: resolved };
  const { partner } = resolved;

  const certifications: CertificationRow[] = [];
  for (const pending of collected.certifications) {
    // I-PC2: a certification linked to another partner ID is in the report but not associated with
    // this partner: kept with `associated: false`, so it does not count and the attribution finder
    // names it.
    const associated = pending.partnerIds.length === 0 || pending.partnerIds.includes(partner.partnerId);
    certifications.push(associated ? pending.row : { ...pending.row, associated: false });
  }
  const m365 = [...collected.m365];
  for (const row of collected.emsLicenses.values())
    m365.push({
      customerTenantId: row.customerTenantId,
      month: row.month,
      workload: row.name,
      association: row.association,
      paidLicenses: row.paid,
      activeLicenses: row.active,
    });
  const mau = [...collected.mau];
  for (const row of collected.emsMau.values())
    mau.push({
      customerTenantId: row.customerTenantId,
      month: row.month,
      product: row.name,
      association: row.association,
      activeUsers: row.active,
    });

  const info = collected.info?.info;
  const document: PartnerDataset = {
    schemaVersion: 1,
    asOf,
    partner,
    azureConsumption: collected.azure,
    m365Licenses: m365,
    ...(mau.length > 0 ? { mau } : {}),
    certifications,
    ...(info?.designation ? { designation: info.designation } : {}),
    ...(info?.specializations ? { specializations: info.specializations } : {}),
    ...(info?.appliedSkills ? { appliedSkills: info.appliedSkills } : {}),
  };
  const kinds = new Set(collected.summaries.map((s) => s.report));
  // A partner given (or from the info file) wins; files naming another one are said, not refused,
  // unless the caller asks (Teams): the command's user knows whose files they are, and a file names
  // both the PGA and the location ID, so one of them matching is enough.
  // The partner-info file counts as one more file naming a partner (the context may have won over it).
  const infoPartner = collected.info?.info.partner;
  const named: readonly Pick<FilePartner, 'file' | 'named'>[] = [
    ...collected.filePartners,
    ...(collected.info && infoPartner
      ? [{ file: collected.info.file, named: new Set([infoPartner.partnerId]) }]
      : []),
  ];
  const foreign = named.filter((f) => f.named.size > 0 && !f.named.has(partner.partnerId));
  if (context.refuseOtherPartnersFiles && foreign.length > 0)
    return {
      ok: false,
      problems: foreign.map((f) => ({
        file: f.file,
        message: `these are partner ${[...f.named].join(' / ')}'s downloads, not ${partner.partnerId} ${partner.name}'s: nothing was imported`,
      })),
    };
  const notes = [
    resolved.note,
    ...foreign.map((f) => `${f.file} names partner ID ${[...f.named].join(', ')}, not ${partner.partnerId}`),
    ...(info?.asOf ? [`as of ${info.asOf} from ${collected.info?.file ?? ''}`] : []),
    ...(kinds.has('emsUsage')
      ? [
          'EMS usage: paid units summed over a tenant’s subscriptions, active users the largest of them (I-PC1)',
        ]
      : []),
  ];
  return {
    ok: true,
    document,
    files: collected.summaries.map((s): FileReadSummary => ({
      file: s.file,
      report: s.report,
      rowsRead: s.rowsRead,
      rowsUsed: s.rowsUsed,
      rowsSkipped: [...s.skipped].map(([reason, rows]) => ({ reason, rows })),
    })),
    unknownTitles: [...collected.unknownTitles].map(([title, rows]) => ({ title, rows })),
    notes,
  };
}
