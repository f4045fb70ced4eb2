import {
  acrTtm,
  m365ActiveAt,
  m365FlagsAt,
  m365FlagsInWindow,
  M365_ENTERPRISE_DEPLOYED,
  M365_ENTERPRISE_SIZED,
  M365_SMB_DEPLOYED,
  M365_SMB_SIZED,
  type Aggregates,
} from './aggregate';
import type { MonthIndex } from './calendar';
import type { Track } from './rules/types';

/**
 * Per-tenant classification tests of rules §2–§3, one function per test so that the metrics and
 * the customer explanations ("why doesn't Fabrikam count?") share a single definition.
 */

/** Azure qualifying customer in the window ending at E: acrTTM ≥ $600 (both tracks). */
export function azureQualifies(agg: Aggregates, t: number, E: MonthIndex): boolean {
  return acrTtm(agg, t, E) >= agg.rules.azureCents.qualifyingCustomerMin;
}

/**
 * I-1: an M365 qualifying customer is Enterprise-sized (Enterprise) or SMB-sized (SMB) in at least
 * one month of the window. SMB carry-over (§2): Enterprise-sized in this window and SMB-sized in the
 * previous window still counts for SMB.
 */
export function m365Qualifies(agg: Aggregates, track: Track, t: number, E: MonthIndex): boolean {
  const now = m365FlagsInWindow(agg, t, E);
  if (track === 'enterprise') return (now & M365_ENTERPRISE_SIZED) !== 0;
  if (now & M365_SMB_SIZED) return true;
  return (now & M365_ENTERPRISE_SIZED) !== 0 && (m365FlagsInWindow(agg, t, E - 12) & M365_SMB_SIZED) !== 0;
}

function isAzureEnterprise(agg: Aggregates, acr: number): boolean {
  return acr > agg.rules.azureCents.enterpriseMinExclusive;
}

/** Azure deployment in month M (rules §3.3), SMB with carry-over from M−12 (≥ $750 there). */
export function azureDeployed(agg: Aggregates, track: Track, t: number, M: MonthIndex): boolean {
  const acr = acrTtm(agg, t, M);
  const { smbDeploymentMin, enterpriseMinExclusive } = agg.rules.azureCents;
  if (track === 'enterprise') return acr > enterpriseMinExclusive;
  if (acr >= smbDeploymentMin && acr <= enterpriseMinExclusive) return true;
  if (!isAzureEnterprise(agg, acr)) return false;
  const before = acrTtm(agg, t, M - 12);
  return before >= smbDeploymentMin && before <= enterpriseMinExclusive;
}

/** Is tenant t's acrTTM at M part of Security ACR for the track (rules §3.4, carry-over for SMB)? */
export function azureInSecurityAcr(agg: Aggregates, track: Track, t: number, M: MonthIndex): boolean {
  const acr = acrTtm(agg, t, M);
  const { enterpriseMinExclusive } = agg.rules.azureCents;
  if (track === 'enterprise') return acr > enterpriseMinExclusive;
  if (acr > 0 && acr <= enterpriseMinExclusive) return true;
  if (!isAzureEnterprise(agg, acr)) return false;
  const before = acrTtm(agg, t, M - 12);
  return before > 0 && before <= enterpriseMinExclusive;
}

/** SMB carry-over for M365 at M: Enterprise-sized at M and SMB-sized at M−12 (no activity test there). */
export function m365CarriedOver(agg: Aggregates, t: number, M: MonthIndex): boolean {
  return (
    (m365FlagsAt(agg, t, M) & M365_ENTERPRISE_SIZED) !== 0 &&
    (m365FlagsAt(agg, t, M - 12) & M365_SMB_SIZED) !== 0
  );
}

/**
 * I-3: M365 deployment in month M: an eligible workload of the track's size with ≥ 15% active;
 * a carried-over tenant counts for SMB through its > 300 workload with ≥ 15% active.
 */
export function m365Deployed(agg: Aggregates, track: Track, t: number, M: MonthIndex): boolean {
  const f = m365FlagsAt(agg, t, M);
  if (track === 'enterprise') return (f & M365_ENTERPRISE_DEPLOYED) !== 0;
  if (f & M365_SMB_DEPLOYED) return true;
  return (f & M365_ENTERPRISE_DEPLOYED) !== 0 && m365CarriedOver(agg, t, M);
}

/** Does tenant t's active license count at M belong to the track's protected users? */
export function m365Protects(agg: Aggregates, track: Track, t: number, M: MonthIndex): boolean {
  const f = m365FlagsAt(agg, t, M);
  if (track === 'enterprise') return (f & M365_ENTERPRISE_SIZED) !== 0;
  return (f & M365_SMB_SIZED) !== 0 || m365CarriedOver(agg, t, M);
}

export function protectedUsers(agg: Aggregates, t: number, M: MonthIndex): number {
  return m365ActiveAt(agg, t, M);
}
