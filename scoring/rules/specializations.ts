/**
 * The four Security specializations (seed 000, with I-6 and I-7 of
 * ../shared/rules/specializations-and-renewals.md) and the catalog of seed 001, as data.
 */

import type { RuleSource } from './types';

export type PerformanceTest =
  /** I-7: MAU in L minus MAU in L−12 of one product, over tenants with a CPOR or CSP association. */
  | {
      readonly kind: 'mauGrowth';
      readonly product: string;
      readonly aliases?: readonly string[];
      readonly min: number;
    }
  /** Eligible Azure ACR over the trailing 12 months (the designation's filters); `services` absent = every eligible service. */
  | {
      readonly kind: 'acr';
      readonly label: string;
      readonly services?: readonly string[];
      readonly minCents: number;
    };

export interface CertificationRequirement {
  readonly kind: 'certification';
  /** Any of these exams counts (I-6: a retired exam's successor counts too). */
  readonly exams: readonly string[];
  readonly people: number;
  /**
   * Exams that count only as a retired predecessor: e.g. AZ-500 after 2026-08-31 (earned on or
   * before its retirement, counted until it expires, as for the designation — I-6).
   */
  readonly retiredPredecessors?: readonly string[];
}

export interface AppliedSkillRequirement {
  readonly kind: 'appliedSkill';
  /** What the source calls them, shown to the partner. */
  readonly label: string;
  /** The Applied Skills that count, as reported; a name not listed is shown, never guessed. */
  readonly names: readonly string[];
  /** How many Applied Skills the source says count ("one of three"). */
  readonly namedInSource: number;
  readonly people: number;
}

export type KnowledgeRequirement = CertificationRequirement | AppliedSkillRequirement;

export type Validation =
  /** Seed 001: approved customer references, valid `validYears`. */
  | { readonly kind: 'references'; readonly count: number; readonly validYears: number }
  /** From 2026-07-30 (reported): a partner-paid third-party audit, Pass or No Pass. */
  | { readonly kind: 'audit'; readonly validYears: number; readonly gapReviewWithinDays: number };

export interface SpecializationRule {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** The Solutions Partner designation it requires. */
  readonly designation: 'Security';
  /** "or": any one test alone must pass. */
  readonly performance: readonly PerformanceTest[];
  /** "and": every requirement must pass. */
  readonly knowledge: readonly KnowledgeRequirement[];
  readonly validation: Validation;
  readonly source: RuleSource;
  /**
   * The performance and skilling thresholds are not public in any source found: seed 000's numbers
   * are kept and the card says "confirm in Partner Center".
   */
  readonly unconfirmed?: true;
}

/** The audit regime of 2026-07-30 (specializations-and-renewals.md §6), as reported. */
export interface AuditRules {
  /** Audits replace customer references for evaluations on or after this day. */
  readonly since: string;
  /** Holders on `since` have their anniversary moved this many months later (I-10). */
  readonly anniversaryExtensionMonths: number;
  /** Partner Center shows the audit's Module A status from this month (`YYYY-MM`). */
  readonly moduleAStatusFrom: string;
  /** The checklist is refreshed in these months; a partner is audited against the one in force on the audit day. */
  readonly checklistRefreshMonths: readonly string[];
  readonly source: RuleSource;
}

export interface SpecializationRules {
  readonly rules: readonly SpecializationRule[];
  /** Benefits go to at most this many Security specializations (I-12 says which). */
  readonly benefitsCap?: number;
  readonly audit?: AuditRules;
}

export const MAU_ASSOCIATIONS = ['CPOR', 'CSP Tier1', 'CSP Tier2'] as const;

const SEED: RuleSource = { kind: 'seed' };
/** The third-party summaries of Microsoft's August 2026 announcements (rules §6). */
const REPORTED: RuleSource = { kind: 'reported', reportedOn: '2026-08-31' };
const REFERENCES: Validation = { kind: 'references', count: 3, validYears: 2 };
const AUDIT: Validation = { kind: 'audit', validYears: 2, gapReviewWithinDays: 15 };

const THREAT_PROTECTION: SpecializationRule = {
  name: 'Threat Protection',
  designation: 'Security',
  performance: [
    {
      kind: 'mauGrowth',
      product: 'Microsoft Defender for Identity',
      aliases: ['MDI', 'Azure Advanced Threat Protection'],
      min: 1_000,
    },
    {
      kind: 'mauGrowth',
      product: 'Microsoft Defender for Cloud Apps',
      aliases: ['MDCA', 'Microsoft Cloud App Security'],
      min: 1_000,
    },
    {
      kind: 'acr',
      label: 'Microsoft Sentinel ACR',
      services: ['Microsoft Sentinel'],
      minCents: 10_000_000,
    },
  ],
  knowledge: [{ kind: 'certification', exams: ['SC-200'], people: 6 }],
  validation: REFERENCES,
  source: SEED,
};

const INFORMATION_PROTECTION: SpecializationRule = {
  name: 'Information Protection and Governance',
  aliases: ['Information Protection', 'Data Security'],
  designation: 'Security',
  performance: [
    { kind: 'mauGrowth', product: 'Azure Information Protection', aliases: ['AIP'], min: 1_000 },
    {
      kind: 'mauGrowth',
      product: 'Microsoft Purview Information Protection',
      aliases: ['MIP', 'Microsoft Information Protection'],
      min: 1_000,
    },
  ],
  // SC-400 retired on 2025-05-31; I-6: its successor SC-401 counts.
  knowledge: [{ kind: 'certification', exams: ['SC-400', 'SC-401'], people: 6 }],
  validation: REFERENCES,
  source: SEED,
};

const CLOUD_SECURITY: SpecializationRule = {
  name: 'Cloud Security',
  designation: 'Security',
  performance: [{ kind: 'acr', label: 'Security workloads ACR', minCents: 20_000_000 }],
  // I-6: SC-500 (Cloud and AI Security Engineer) counts like AZ-500.
  knowledge: [
    { kind: 'certification', exams: ['AZ-500', 'SC-500'], people: 6 },
    { kind: 'certification', exams: ['SC-200'], people: 4 },
  ],
  validation: REFERENCES,
  source: SEED,
};

const IDENTITY_AND_ACCESS: SpecializationRule = {
  name: 'Identity and Access Management',
  designation: 'Security',
  performance: [
    {
      kind: 'mauGrowth',
      product: 'Microsoft Entra ID Premium',
      aliases: ['Azure AD Premium', 'Azure Active Directory Premium', 'Entra ID Premium'],
      min: 2_000,
    },
  ],
  knowledge: [{ kind: 'certification', exams: ['SC-300'], people: 6 }],
  validation: REFERENCES,
  source: SEED,
};

/** Seed 000 and 001: the four specializations until 2025-08-25. */
export const SPECIALIZATIONS_SEED: SpecializationRules = {
  rules: [THREAT_PROTECTION, INFORMATION_PROTECTION, CLOUD_SECURITY, IDENTITY_AND_ACCESS],
};

/**
 * 2025-08-26 (reported): Information Protection and Governance is renamed Data Security, with new
 * requirements; the old name stays an alias. I-9: the three Purview Applied Skills are not named by
 * any source found, so none is listed here: the partner's Applied Skills are shown, not counted,
 * until their names are confirmed and added to `names`.
 */
const DATA_SECURITY: SpecializationRule = {
  name: 'Data Security',
  aliases: ['Information Protection and Governance', 'Information Protection'],
  designation: 'Security',
  performance: [
    {
      kind: 'mauGrowth',
      product: 'Microsoft Purview Information Protection',
      aliases: ['MIP', 'Microsoft Information Protection'],
      min: 2_500,
    },
  ],
  knowledge: [
    { kind: 'certification', exams: ['SC-401'], people: 6 },
    {
      kind: 'appliedSkill',
      label: 'one of three Microsoft Purview Applied Skills',
      names: [],
      namedInSource: 3,
      people: 4,
    },
  ],
  validation: REFERENCES,
  source: { kind: 'reported', reportedOn: '2026-08-31' },
};

export const SPECIALIZATIONS_2025_08: SpecializationRules = {
  rules: [THREAT_PROTECTION, DATA_SECURITY, CLOUD_SECURITY, IDENTITY_AND_ACCESS],
};

/**
 * 2026-07-30 (reported): an audit replaces customer references for all four; benefits are capped at
 * three specializations (I-12). I-14: the thresholds of the three other specializations are not
 * public: seed 000's numbers stay, marked unconfirmed.
 */
const audited = (rule: SpecializationRule, unconfirmed: boolean): SpecializationRule => ({
  ...rule,
  validation: AUDIT,
  source: REPORTED,
  ...(unconfirmed ? { unconfirmed: true as const } : {}),
});

export const AUDIT_RULES: AuditRules = {
  since: '2026-07-30',
  anniversaryExtensionMonths: 6,
  moduleAStatusFrom: '2026-09',
  checklistRefreshMonths: ['January', 'July'],
  source: REPORTED,
};

export const SPECIALIZATIONS_2026_07: SpecializationRules = {
  rules: [
    audited(THREAT_PROTECTION, true),
    audited(DATA_SECURITY, false),
    audited(CLOUD_SECURITY, true),
    audited(IDENTITY_AND_ACCESS, true),
  ],
  benefitsCap: 3,
  audit: AUDIT_RULES,
};

/**
 * 2026-08-31: AZ-500 retires; Cloud Security's six are SC-500 holders, and AZ-500 certificates earned
 * on or before the retirement still count until they expire (I-13: as for the designation, I-6).
 */
export const SPECIALIZATIONS_2026_08: SpecializationRules = {
  ...SPECIALIZATIONS_2026_07,
  rules: SPECIALIZATIONS_2026_07.rules.map((rule) =>
    rule.name === 'Cloud Security'
      ? {
          ...rule,
          knowledge: [
            { kind: 'certification', exams: ['SC-500'], people: 6, retiredPredecessors: ['AZ-500'] },
            { kind: 'certification', exams: ['SC-200'], people: 4 },
          ],
        }
      : rule,
  ),
};

/** Seed 001: every specialization and the Solutions Partner designation(s) it requires (any one). */
export const SPECIALIZATION_CATALOG: readonly {
  readonly area: string;
  readonly name: string;
  readonly designations: readonly string[];
}[] = [
  {
    area: 'Azure',
    name: 'AI and Machine Learning on Microsoft Azure',
    designations: ['Data & AI', 'Digital & App Innovation'],
  },
  { area: 'Azure', name: 'Analytics on Microsoft Azure', designations: ['Data & AI'] },
  {
    area: 'Azure',
    name: 'Build and Modernize AI Apps with Microsoft Azure',
    designations: ['Data & AI', 'Digital & App Innovation'],
  },
  { area: 'Azure', name: 'Data Warehouse Migration to Microsoft Azure', designations: ['Data & AI'] },
  {
    area: 'Azure',
    name: 'DevOps with GitHub on Microsoft Azure',
    designations: ['Digital & App Innovation'],
  },
  {
    area: 'Azure',
    name: 'Hybrid Cloud Infrastructure with Microsoft Azure Stack HCI',
    designations: ['Data & AI', 'Digital & App Innovation', 'Infrastructure'],
  },
  {
    area: 'Azure',
    name: 'Hybrid Operations and Management with Microsoft Azure Arc',
    designations: ['Data & AI', 'Digital & App Innovation', 'Infrastructure'],
  },
  {
    area: 'Azure',
    name: 'Infra and Database Migration to Microsoft Azure',
    designations: ['Data & AI', 'Infrastructure'],
  },
  {
    area: 'Azure',
    name: 'Kubernetes on Microsoft Azure',
    designations: ['Data & AI', 'Digital & App Innovation'],
  },
  { area: 'Azure', name: 'Microsoft Azure VMware Solution', designations: ['Infrastructure'] },
  { area: 'Azure', name: 'Microsoft Windows Virtual Desktop', designations: ['Infrastructure'] },
  {
    area: 'Azure',
    name: 'Migrate Enterprise Applications to Microsoft Azure',
    designations: ['Data & AI', 'Digital & App Innovation'],
  },
  { area: 'Azure', name: 'Networking Services in Microsoft Azure', designations: ['Infrastructure'] },
  { area: 'Azure', name: 'SAP on Microsoft Azure', designations: ['Infrastructure'] },
  {
    area: 'Business Applications',
    name: 'Business Intelligence',
    designations: ['Business Applications', 'Data & AI'],
  },
  { area: 'Business Applications', name: 'Finance', designations: ['Business Applications'] },
  {
    area: 'Business Applications',
    name: 'Intelligent Automation',
    designations: ['Business Applications', 'Digital & App Innovation'],
  },
  {
    area: 'Business Applications',
    name: 'Low Code Application Development',
    designations: ['Business Applications', 'Digital & App Innovation'],
  },
  { area: 'Business Applications', name: 'Sales', designations: ['Business Applications'] },
  { area: 'Business Applications', name: 'Service', designations: ['Business Applications'] },
  {
    area: 'Business Applications',
    name: 'Small and Midsize Business Management',
    designations: ['Business Applications'],
  },
  { area: 'Business Applications', name: 'Supply Chain', designations: ['Business Applications'] },
  { area: 'Modern Work', name: 'Adoption and Change Management', designations: ['Modern Work'] },
  { area: 'Modern Work', name: 'Calling for Microsoft Teams', designations: ['Modern Work'] },
  { area: 'Modern Work', name: 'Custom Solutions for Microsoft Teams', designations: ['Modern Work'] },
  {
    area: 'Modern Work',
    name: 'Meetings and Meeting Rooms for Microsoft Teams',
    designations: ['Modern Work'],
  },
  { area: 'Modern Work', name: 'Teamwork Deployment', designations: ['Modern Work'] },
  { area: 'Modern Work', name: 'Modernize Endpoints', designations: ['Modern Work'] },
  { area: 'Security', name: 'Cloud Security', designations: ['Security'] },
  { area: 'Security', name: 'Identity and Access Management', designations: ['Security'] },
  { area: 'Security', name: 'Information Protection and Governance', designations: ['Security'] },
  { area: 'Security', name: 'Threat Protection', designations: ['Security'] },
];
