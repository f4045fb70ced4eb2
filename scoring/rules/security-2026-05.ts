import { SPECIALIZATIONS_SEED } from './specializations';
import type { RuleSet } from './types';

/** I-8: the May 2026 page no longer lists these three; from that day they count in no month. */
const LEFT_THE_LIST_2026_05 = { endsOn: '2026-05-01', source: { kind: 'seed' } } as const;

/**
 * Solutions Partner for Security, as on the Microsoft Learn page of about May 2026 merged with
 * seed 002 (see ../shared/rules/security-designation.md), and the specializations of seed 000: the
 * rules before the first dated change. Later versions (./amendments-2026.ts) are this one with their
 * changes; add a version with a later `effectiveFrom` to keep old evaluations reproducible.
 */
export const security2026_05: RuleSet = {
  id: 'solutions-partner-for-security',
  version: 'seed',
  effectiveFrom: '2000-01-01',
  sources: [
    'learn.microsoft.com/partner-center/membership/solutions-partner-security (about May 2026)',
    'seed 002: Solutions Partner for Security designation page',
  ],

  months: { window: 12, history: 36 },

  azure: {
    services: [
      { name: 'Advanced Data Security', ...LEFT_THE_LIST_2026_05 },
      { name: 'Advanced Threat Protection', ...LEFT_THE_LIST_2026_05 },
      {
        name: 'Application Gateway',
        // Partner Center's ServiceLevel4 spellings (Azure usage report guide).
        aliases: ['Application Gateway WAF v2', 'WAF Application Gateway'],
      },
      { name: 'Microsoft Entra ID B2C', aliases: ['Azure AD B2C', 'Azure Active Directory B2C'] },
      {
        name: 'Microsoft Entra ID for External Identities',
        aliases: ['Azure AD for External Identities', 'Azure Active Directory for External Identities'],
      },
      {
        name: 'Microsoft Entra Domain Services',
        aliases: ['Azure AD Domain Services', 'Azure Active Directory Domain Services'],
      },
      { name: 'Azure Bastion' },
      { name: 'Azure DDoS Protection' },
      {
        name: 'Microsoft Defender for Cloud',
        aliases: [
          'Azure Defender',
          'Security Center',
          'Azure Security Center',
          // Partner Center's ServiceLevel4 splits Defender for Cloud per plan.
          'Microsoft Defender for servers',
          'Microsoft Defender for SQL',
          'Microsoft Defender for Storage',
          'Microsoft Defender for container registries',
          'Microsoft Defender for Kubernetes',
          'Microsoft Defender for App Service',
        ],
      },
      { name: 'Azure Firewall' },
      { name: 'Azure Firewall Manager' },
      { name: 'Azure Front Door Service', aliases: ['Azure Front Door'] },
      { name: 'Azure IoT Security', aliases: ['Microsoft Defender for IoT'] },
      { name: 'Key Vault', aliases: ['Azure Key Vault'] },
      { name: 'Network Watcher', ...LEFT_THE_LIST_2026_05 },
      { name: 'Microsoft Entra' },
      { name: 'Microsoft Entra Verified ID' },
      { name: 'Microsoft Purview' },
      { name: 'Microsoft Security Copilot', aliases: ['Security Copilot'] },
      { name: 'Microsoft Sentinel', aliases: ['Azure Sentinel', 'Sentinel'] },
    ],
    ineligibleOffers: ['Support', 'Internal', 'Benefit Program', 'Trial'],
    associations: ['PAL', 'CSP Tier1', 'CSP Tier2'],
  },

  m365: {
    workloads: [
      {
        name: 'Microsoft Entra ID P1',
        aliases: ['Azure AD Premium P1', 'Azure Active Directory Premium P1'],
      },
      { name: 'Microsoft Defender for Office 365' },
      {
        // P2 only: the plain name, the plural and "P2" count; a name ending in P1 does not.
        name: 'Microsoft Defender for Endpoint',
        aliases: [
          'Microsoft Defender for Endpoints',
          'Microsoft Defender for Endpoint P2',
          'Microsoft Defender for Endpoints P2',
        ],
      },
      { name: 'Microsoft Defender for Identity' },
      {
        name: 'Microsoft Purview Information Protection',
        aliases: ['Information Protection', 'Microsoft Information Protection'],
      },
      { name: 'Intune', aliases: ['Microsoft Intune'] },
    ],
    ineligibleWorkloads: [
      {
        name: 'Microsoft Defender for Endpoint P1',
        aliases: ['Microsoft Defender for Endpoints P1'],
        reason: 'only Microsoft Defender for Endpoint P2 counts',
      },
    ],
    associations: ['CPOR', 'CSP Tier1', 'CSP Tier2'],
    enterpriseMinPaidExclusive: 300,
    smbMinPaid: 5,
    smbMaxPaid: 300,
    deploymentMinActivePercent: 15,
  },

  azureCents: {
    qualifyingCustomerMin: 60_000,
    enterpriseMinExclusive: 1_200_000,
    smbDeploymentMin: 75_000,
  },

  metrics: {
    netCustomerAdds: { max: 20, pointsPerNetAdd: { enterprise: [2, 1], smb: [4, 1] } },
    intermediateCertifications: {
      max: 40,
      enterprise: {
        step1: { minPeople: 2, points: 0 },
        step2: { minPeople: 2, points: 0 },
        step3: { pointsPerPerson: [40, 6], requiresStep1Or2: true },
      },
      smb: {
        step1: { minPeople: 1, points: 4 },
        step2: { minPeople: 1, points: 4 },
        step3: { pointsPerPerson: [8, 1], requiresStep1Or2: false },
      },
    },
    deployments: { max: 20, pointsPerNetDeployment: { enterprise: [20, 6], smb: [20, 6] } },
    usageGrowth: {
      max: 20,
      azureCentsPerPoint: { enterprise: 125_000, smb: 75_000 },
      protectedUsersPerPoint: { enterprise: 125, smb: 50 },
    },
  },

  certifications: [
    // Aliases: the credential titles of Partner Center's training report (Microsoft Certified: …).
    {
      exam: 'AZ-500',
      title: 'Azure Security Engineer Associate',
      step: 1,
      retires: '2026-08-31',
      successor: 'SC-500',
      aliases: ['Microsoft Certified: Azure Security Engineer Associate'],
    },
    {
      exam: 'SC-500',
      title: 'Cloud and AI Security Engineer Associate',
      step: 1,
      aliases: ['Microsoft Certified: Cloud and AI Security Engineer Associate'],
    },
    {
      exam: 'SC-200',
      title: 'Microsoft Security Operations Analyst',
      step: 2,
      aliases: ['Microsoft Certified: Security Operations Analyst Associate'],
    },
    {
      exam: 'SC-100',
      title: 'Cybersecurity Architect Expert',
      step: 3,
      aliases: ['Microsoft Certified: Cybersecurity Architect Expert'],
    },
    {
      exam: 'SC-300',
      title: 'Identity and Access Administrator',
      step: 3,
      aliases: ['Microsoft Certified: Identity and Access Administrator Associate'],
    },
    {
      exam: 'SC-400',
      title: 'Information Protection Administrator',
      step: 3,
      retires: '2025-05-31',
      successor: 'SC-401',
      aliases: ['Microsoft Certified: Information Protection and Compliance Administrator Associate'],
    },
    {
      exam: 'SC-401',
      title: 'Information Security Administrator Associate',
      step: 3,
      aliases: ['Microsoft Certified: Information Security Administrator Associate'],
    },
  ],
  certificationValidityYears: 1,
  retiredValidityYears: 1,

  qualification: { minTotal: 70, minPointsPerMetric: 1 },
  atRisk: { certificationHorizonDays: 90 },

  specializations: SPECIALIZATIONS_SEED,
};
