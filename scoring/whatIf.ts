import { lastMonthOf, monthLabel } from './calendar';
import type { PartnerDataset } from './dataset';
import type { Action } from './gaps';
import type { RuleSet, Track } from './rules/types';

/**
 * Usage growth of an existing customer (the what-if simulator picks one that already counts as a
 * deployment on the path, so that no other metric moves): one more row in month L for that tenant.
 */
export type CustomerGrowth =
  | {
      readonly kind: 'azureGrowthOf';
      readonly tenantId: string;
      /** Eligible Security ACR added in month L (cents). */
      readonly cents: number;
    }
  | {
      readonly kind: 'protectedUsersOf';
      readonly tenantId: string;
      /** A workload and association the tenant has no row for in month L (no duplicate row). */
      readonly workload: string;
      readonly association: string;
      /** Paid and active licenses of the new row (all active). */
      readonly users: number;
    };

/**
 * Turns planned additions into data: the partner dataset as it would look once the actions are
 * done in month L. Used to check every plan by re-scoring (rules §5) and by the what-if simulator.
 * New customers and people get ids prefixed `whatif-`; growth goes to tenants that stay in the
 * track's class, so no addition takes a point away elsewhere.
 */
export function applyActions(
  source: PartnerDataset,
  actions: readonly (Action | CustomerGrowth)[],
  track: Track,
  rules: RuleSet,
): PartnerDataset {
  const month = monthLabel(lastMonthOf(source.asOf));
  const azure = [...source.azureConsumption];
  const m365 = [...source.m365Licenses];
  const certifications = [...source.certifications];
  const service = rules.azure.services.find((s) => !s.effectiveFrom && !s.eligibleUntil && !s.endsOn)!.name;
  const azureAssociation = rules.azure.associations[0]!;
  const workload = rules.m365.workloads.find((w) => !w.effectiveFrom && !w.eligibleUntil)!.name;
  const m365Association = rules.m365.associations[0]!;
  const { enterpriseMinExclusive, smbDeploymentMin, qualifyingCustomerMin } = rules.azureCents;
  const { enterpriseMinPaidExclusive, smbMinPaid, smbMaxPaid, deploymentMinActivePercent } = rules.m365;
  let serial = 0;
  const newTenant = (kind: string): string => `whatif-${kind}-${++serial}`;
  const addAzure = (tenant: string, cents: number): void => {
    azure.push({
      customerTenantId: tenant,
      month,
      service,
      offer: 'Azure plan',
      association: azureAssociation,
      acrUsd: cents / 100,
    });
  };
  const addM365 = (tenant: string, paid: number, active: number): void => {
    m365.push({
      customerTenantId: tenant,
      month,
      workload,
      association: m365Association,
      paidLicenses: paid,
      activeLicenses: active,
    });
  };
  const minActive = (paid: number): number => Math.ceil((paid * deploymentMinActivePercent) / 100);

  for (const action of actions) {
    switch (action.kind) {
      case 'netCustomer':
        for (let i = 0; i < action.count; i++) {
          if (action.side === 'azure') addAzure(newTenant('customer'), qualifyingCustomerMin);
          else
            addM365(
              newTenant('customer'),
              track === 'enterprise' ? enterpriseMinPaidExclusive + 1 : smbMinPaid,
              0,
            );
        }
        break;
      case 'deployment':
        for (let i = 0; i < action.count; i++) {
          if (action.side === 'azure') {
            addAzure(
              newTenant('deployment'),
              track === 'enterprise' ? enterpriseMinExclusive + 1 : smbDeploymentMin,
            );
          } else {
            const paid = track === 'enterprise' ? enterpriseMinPaidExclusive + 1 : smbMinPaid;
            addM365(newTenant('deployment'), paid, minActive(paid));
          }
        }
        break;
      case 'azureGrowth': {
        // New tenants that belong to the track's Security ACR: > $12,000 (Enterprise), ≤ $12,000 (SMB).
        let left = action.cents;
        while (left > 0) {
          const cents =
            track === 'enterprise'
              ? Math.max(left, enterpriseMinExclusive + 1)
              : Math.min(left, enterpriseMinExclusive);
          addAzure(newTenant('growth'), cents);
          left -= cents;
        }
        break;
      }
      case 'protectedUsersGrowth': {
        let left = action.users;
        while (left > 0) {
          const paid = track === 'enterprise' ? Math.max(left, enterpriseMinPaidExclusive + 1) : smbMaxPaid;
          const active = Math.min(left, paid);
          addM365(newTenant('growth'), paid, active);
          left -= active;
        }
        break;
      }
      case 'azureGrowthOf':
        if (action.cents > 0) addAzure(action.tenantId, action.cents);
        break;
      case 'protectedUsersOf':
        if (action.users > 0)
          m365.push({
            customerTenantId: action.tenantId,
            month,
            workload: action.workload,
            association: action.association,
            paidLicenses: action.users,
            activeLicenses: action.users,
          });
        break;
      case 'exam': {
        const personId = action.personId ?? `whatif-person-${action.newPerson}`;
        certifications.push({
          personId,
          personName: action.personName ?? `New person ${action.newPerson}`,
          exam: action.exams[0]!,
          earned: source.asOf,
        });
        break;
      }
    }
  }
  return { ...source, azureConsumption: azure, m365Licenses: m365, certifications };
}
