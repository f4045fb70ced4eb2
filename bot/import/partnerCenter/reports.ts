import { normalizeName } from '../../../scoring';
import type { RuleSet } from '../../../scoring/rules/types';
import { normalizeHeader } from './values';
import type { ReportKind } from './types';

/**
 * The columns of Partner Center's downloads (Learn "Cloud product performance reports – Data
 * definitions"), by the key the readers use: each with its spellings after normalizeHeader (older
 * exports and the Insights API name some columns differently) and the name shown in messages.
 */
export const COLUMNS = {
  customerTenantId: { names: ['customertenantid'], display: 'CustomerTenantId' },
  customerName: { names: ['customername', 'customertenantname'], display: 'CustomerName' },
  month: { names: ['month'], display: 'Month' },
  /** CPOR-M365: `Date`, the first of the month. */
  date: { names: ['date', 'month'], display: 'Date' },
  serviceLevel1: { names: ['servicelevel1'], display: 'ServiceLevel1' },
  serviceLevel2: { names: ['servicelevel2'], display: 'ServiceLevel2' },
  serviceLevel3: { names: ['servicelevel3'], display: 'ServiceLevel3' },
  serviceLevel4: { names: ['servicelevel4'], display: 'ServiceLevel4' },
  /** The Insights API's AzureUsage dataset. */
  serviceName: { names: ['servicename'], display: 'ServiceName' },
  meterCategory: { names: ['metercategory'], display: 'MeterCategory' },
  attribution: {
    names: ['partnerattributiontype', 'partnerattachtype'],
    display: 'PartnerAttributionType',
  },
  salesChannel: { names: ['saleschannel'], display: 'SalesChannel' },
  acr: {
    names: ['acrusd', 'totalacr', 'monthlysubscriptionlevelacr'],
    display: 'ACR_USD (only Executive report viewers see ACR)',
  },
  azureDuplicate: { names: ['isacrduplicateatpgalevel'], display: 'IsACRDuplicateAtPGALevel' },
  workload: { names: ['workloadname'], display: 'WorkloadName' },
  paidUnits: { names: ['paidavailableunits'], display: 'PaidAvailableUnits' },
  activeUsers: { names: ['monthlyactiveusers'], display: 'MonthlyActiveUsers' },
  officeDuplicate: { names: ['isduplicaterowforpga'], display: 'IsDuplicateRowForPGA' },
  claimId: { names: ['claimid'], display: 'ClaimId' },
  partnerId: { names: ['mpnid', 'partnerid'], display: 'MPNID' },
  globalPartnerId: { names: ['pgampnid', 'pgapartnerid'], display: 'PGAMpnID' },
  partnerName: { names: ['partnername'], display: 'PartnerName' },
  trainingTitle: { names: ['trainingtitle'], display: 'TrainingTitle' },
  firstName: { names: ['individualfirstname'], display: 'IndividualFirstName' },
  lastName: { names: ['individuallastname'], display: 'IndividualLastName' },
  email: { names: ['email'], display: 'Email' },
  corpEmail: { names: ['corpemail'], display: 'CorpEmail' },
  mcpId: { names: ['mcpid'], display: 'MCPID' },
  completionDate: { names: ['trainingcompletiondate'], display: 'TrainingCompletionDate' },
  expirationDate: { names: ['expirationdate'], display: 'ExpirationDate' },
  aadpPaid: { names: ['aadppaidavailableunits'], display: 'AADPPaidAvailableUnits' },
  aadpActive: { names: ['aadpmonthlyactiveusers'], display: 'AADPMonthlyActiveUsers' },
  intunePaid: { names: ['intunepaidavailableunits'], display: 'IntunePaidAvailableUnits' },
  intuneActive: { names: ['intunemonthlyactiveusers'], display: 'IntuneMonthlyActiveUsers' },
  azipPaid: { names: ['azippaidavailableunits'], display: 'AzipPaidAvailableUnits' },
  azipActive: { names: ['azipmonthlyactiveusers'], display: 'AzipMonthlyActiveUsers' },
  aatpActive: { names: ['aatpactiveusage'], display: 'AATPActiveUsage' },
  mcasActive: { names: ['mcasactiveusage'], display: 'MCASActiveUsage' },
} as const satisfies Record<string, { names: readonly string[]; display: string }>;

export type ColumnKey = keyof typeof COLUMNS;

/**
 * The EMS report is wide (one row per subscription and month): each product's columns become
 * Microsoft 365 license rows (paid units) and MAU rows (the specializations' active users).
 */
export const EMS_PRODUCTS: readonly {
  readonly paid?: ColumnKey;
  readonly active: ColumnKey;
  /** The m365Licenses workload for paid units (absent: the report has no paid units for it). */
  readonly workload?: string;
  /** The mau product, as the specializations name it. */
  readonly product: string;
}[] = [
  {
    paid: 'aadpPaid',
    active: 'aadpActive',
    workload: 'Microsoft Entra ID P1',
    product: 'Microsoft Entra ID Premium',
  },
  { paid: 'intunePaid', active: 'intuneActive', workload: 'Intune', product: 'Intune' },
  {
    paid: 'azipPaid',
    active: 'azipActive',
    workload: 'Microsoft Purview Information Protection',
    product: 'Azure Information Protection',
  },
  { active: 'aatpActive', product: 'Microsoft Defender for Identity' },
  { active: 'mcasActive', product: 'Microsoft Defender for Cloud Apps' },
];

/** A required column, or one of several that will do (the first one present is read). */
type Requirement = ColumnKey | readonly ColumnKey[];

export const REQUIRED: Readonly<Record<Exclude<ReportKind, 'partnerInfo'>, readonly Requirement[]>> = {
  azureUsage: [
    'customerTenantId',
    'month',
    ['serviceLevel4', 'serviceLevel3', 'serviceLevel2', 'serviceName'],
    'attribution',
    'acr',
  ],
  office365Usage: ['customerTenantId', 'month', 'workload', 'paidUnits', 'activeUsers', 'attribution'],
  emsUsage: ['customerTenantId', 'month', 'attribution'],
  cporM365Usage: ['customerTenantId', 'date', 'workload', 'paidUnits', 'activeUsers'],
  trainings: ['trainingTitle', 'completionDate', ['mcpId', 'corpEmail', 'email']],
};

/** Column positions of one file, by key. */
export class HeaderIndex {
  private readonly positions = new Map<string, number>();

  constructor(headers: readonly string[]) {
    headers.forEach((header, position) => {
      const name = normalizeHeader(header);
      // The first of two equal headers wins, as a person reading the file would take it.
      if (!this.positions.has(name)) this.positions.set(name, position);
    });
  }

  position(key: ColumnKey): number | undefined {
    for (const name of COLUMNS[key].names) {
      const at = this.positions.get(name);
      if (at !== undefined) return at;
    }
    return undefined;
  }

  has(key: ColumnKey): boolean {
    return this.position(key) !== undefined;
  }

  /** The report a header belongs to, from its columns (never the file name). */
  detect(): Exclude<ReportKind, 'partnerInfo'> | undefined {
    if (this.has('trainingTitle')) return 'trainings';
    if (this.has('claimId') || this.positions.has('dateassociated')) return 'cporM365Usage';
    if (EMS_PRODUCTS.some((p) => this.has(p.active) || (p.paid && this.has(p.paid)))) return 'emsUsage';
    if (this.has('workload')) return 'office365Usage';
    const azure: ColumnKey[] = ['serviceLevel4', 'serviceLevel3', 'serviceLevel2', 'serviceName', 'acr'];
    if (azure.some((key) => this.has(key))) return 'azureUsage';
    return undefined;
  }

  /** The display names of the required columns the header lacks. */
  missing(kind: Exclude<ReportKind, 'partnerInfo'>): string[] {
    return REQUIRED[kind]
      .filter((req) => (typeof req === 'string' ? !this.has(req) : !req.some((key) => this.has(key))))
      .map((req) =>
        typeof req === 'string' ? COLUMNS[req].display : req.map((key) => COLUMNS[key].display).join(' or '),
      );
  }
}

/** Every spelling of the rule set's eligible services, normalised, to pick the ServiceLevel that names one. */
export function serviceNames(rules: RuleSet): Set<string> {
  return new Set(rules.azure.services.flatMap((s) => [s.name, ...(s.aliases ?? [])]).map(normalizeName));
}

/** Training titles → exam codes: the rule set's codes, titles and aliases (Microsoft Certified: …). */
export function examTitles(rules: RuleSet): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of rules.certifications)
    for (const name of [c.exam, c.title, ...(c.aliases ?? [])]) map.set(normalizeName(name), c.exam);
  return map;
}

/** A bare exam code in a title ("Exam SC-200: Microsoft Security Operations Analyst"). */
const EXAM_CODE = /\b[A-Z]{2,3}-\d{3}\b/i;

export function examOf(title: string, titles: ReadonlyMap<string, string>): string | undefined {
  const known = titles.get(normalizeName(title));
  if (known !== undefined) return known;
  const code = EXAM_CODE.exec(title);
  return code ? code[0].toUpperCase() : undefined;
}
