/**
 * The four Security specializations (seed 000, with I-6 and I-7 of
 * ../shared/rules/specializations-and-renewals.md) and the catalog of seed 001, as data.
 */

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

export interface KnowledgeRequirement {
  /** Any of these exams counts (I-6: a retired exam's successor counts too). */
  readonly exams: readonly string[];
  readonly people: number;
}

export interface SpecializationRule {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** The Solutions Partner designation it requires. */
  readonly designation: 'Security';
  /** "or": any one test alone must pass. */
  readonly performance: readonly PerformanceTest[];
  /** "and": every requirement must pass. */
  readonly knowledge: readonly KnowledgeRequirement[];
  readonly customerReferences: number;
  /** Customer references (or an audit) are valid this many years. */
  readonly referencesValidYears: number;
}

export const MAU_ASSOCIATIONS = ['CPOR', 'CSP Tier1', 'CSP Tier2'] as const;

export const SECURITY_SPECIALIZATIONS: readonly SpecializationRule[] = [
  {
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
    knowledge: [{ exams: ['SC-200'], people: 6 }],
    customerReferences: 3,
    referencesValidYears: 2,
  },
  {
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
    knowledge: [{ exams: ['SC-400', 'SC-401'], people: 6 }],
    customerReferences: 3,
    referencesValidYears: 2,
  },
  {
    name: 'Cloud Security',
    designation: 'Security',
    performance: [{ kind: 'acr', label: 'Security workloads ACR', minCents: 20_000_000 }],
    // I-6: SC-500 (Cloud and AI Security Engineer) counts like AZ-500.
    knowledge: [
      { exams: ['AZ-500', 'SC-500'], people: 6 },
      { exams: ['SC-200'], people: 4 },
    ],
    customerReferences: 3,
    referencesValidYears: 2,
  },
  {
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
    knowledge: [{ exams: ['SC-300'], people: 6 }],
    customerReferences: 3,
    referencesValidYears: 2,
  },
];

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
