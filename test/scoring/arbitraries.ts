import fc from 'fast-check';
import type { PartnerDataset } from '../../scoring';

/** Random but valid partner datasets around the rules' edges, for property tests. asOf 2026-11-22, L = 2026-10. */

const MONTHS = Array.from({ length: 39 }, (_, i) => {
  const index = 2026 * 12 + 9 - 37 + i; // 2023-09 … 2026-11 (asOf's month): some rows outside L−35 … L
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
});
const TENANTS = ['t-1', 't-2', 't-3', 't-4', 't-5', 't-6'];
const SERVICES = ['Microsoft Sentinel', 'key vault', 'Azure Firewall', 'Virtual Machines'];
const OFFERS = ['Azure Plan', 'Pay-As-You-Go', 'Trial'];
const AZURE_ASSOCIATIONS = ['PAL', 'CSP Tier1', 'CSP Tier2', 'DPOR'];
const WORKLOADS = [
  'Intune',
  'Microsoft Entra ID P1',
  'Microsoft Defender for Endpoint P1',
  'Microsoft Defender for Office 365',
];
const M365_ASSOCIATIONS = ['CPOR', 'CSP Tier1', 'PAL'];
const EXAMS = ['AZ-500', 'SC-500', 'SC-200', 'SC-100', 'SC-300', 'SC-400', 'SC-401', 'AZ-104'];
const AMOUNTS = [0, 1, 50, 599.99, 600, 749.99, 750, 1250, 5000, 11999.99, 12000, 12000.01, 30000];
const PAID = [0, 4, 5, 40, 300, 301, 1000];

const azureRow = fc.record({
  customerTenantId: fc.constantFrom(...TENANTS),
  month: fc.constantFrom(...MONTHS),
  service: fc.constantFrom(...SERVICES),
  offer: fc.constantFrom(...OFFERS),
  association: fc.constantFrom(...AZURE_ASSOCIATIONS),
  acrUsd: fc.constantFrom(...AMOUNTS),
});

const m365Row = fc
  .record({
    customerTenantId: fc.constantFrom(...TENANTS),
    month: fc.constantFrom(...MONTHS),
    workload: fc.constantFrom(...WORKLOADS),
    association: fc.constantFrom(...M365_ASSOCIATIONS),
    paidLicenses: fc.constantFrom(...PAID),
    activePercent: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ activePercent, ...row }) => ({
    ...row,
    activeLicenses: Math.floor((row.paidLicenses * activePercent) / 100),
  }));

const certification = fc.record({
  personId: fc.constantFrom('p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6', 'p-7'),
  exam: fc.constantFrom(...EXAMS),
  earned: fc.integer({ min: 0, max: 900 }).map((d) => {
    const day = new Date(Date.UTC(2024, 5, 1) + d * 86_400_000);
    return day.toISOString().slice(0, 10);
  }),
});

export const datasetArbitrary: fc.Arbitrary<PartnerDataset> = fc
  .record({
    azure: fc.array(azureRow, { maxLength: 60 }),
    m365: fc.uniqueArray(m365Row, {
      maxLength: 40,
      selector: (r) => `${r.customerTenantId}|${r.month}|${r.workload}|${r.association}`,
    }),
    certifications: fc.array(certification, { maxLength: 14 }),
  })
  .map(({ azure, m365, certifications }) => ({
    schemaVersion: 1 as const,
    asOf: '2026-11-22',
    partner: { partnerId: '4000001', name: 'Property Partner' },
    azureConsumption: azure,
    m365Licenses: m365,
    certifications,
  }));
