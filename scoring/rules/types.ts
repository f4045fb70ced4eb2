/**
 * The shape of a versioned rule set. Everything Microsoft may change (thresholds, points, caps,
 * eligible names, certification steps and retirements) lives in data of this type, so that a
 * change on Microsoft's page is a one-file edit in `scoring/rules/`.
 */

import type { SpecializationRules } from './specializations';

/** An exact rational number of points, e.g. `[40, 6]` for 6.67 points. */
export type Ratio = readonly [numerator: number, denominator: number];

export type Track = 'enterprise' | 'smb';
export const TRACKS: readonly Track[] = ['enterprise', 'smb'];

/**
 * What a rule rests on, so a partner can see it: the seeds, the Microsoft Learn page of about May 2026,
 * or a third-party report of a change (not checked against Microsoft's page), with the report's date.
 */
export type RuleSource =
  | { readonly kind: 'seed' }
  | { readonly kind: 'learn-2026-05' }
  | { readonly kind: 'reported'; readonly reportedOn: string };

export interface NamedItem {
  /** Canonical display name. */
  readonly name: string;
  /** Other spellings that mean the same thing (matched trimmed and case-insensitively). */
  readonly aliases?: readonly string[];
  /** First month (`YYYY-MM`) whose rows count; absent = always. */
  readonly effectiveFrom?: string;
  /** Last month (`YYYY-MM`) whose rows count; absent = still eligible. */
  readonly eligibleUntil?: string;
  /**
   * The day (`YYYY-MM-DD`) Microsoft's list stopped listing it. I-8: an evaluation whose asOf is on or
   * after this day counts its rows in no month (the list in force at the evaluation moment applies).
   */
  readonly endsOn?: string;
  readonly source?: RuleSource;
}

export interface KnownIneligible {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** Why it does not count, shown to the partner. */
  readonly reason: string;
}

export type SkillingStep = 1 | 2 | 3;

export interface CertificationRule {
  /** Exam code, e.g. `SC-200`. */
  readonly exam: string;
  readonly title: string;
  readonly step: SkillingStep;
  /** Retirement date `YYYY-MM-DD`: earned after it, it does not count; it counts until retirement + 1 year. */
  readonly retires?: string;
  /** I-6: the exam Microsoft names as the retired one's replacement; it counts for the same step. */
  readonly successor?: string;
  readonly aliases?: readonly string[];
}

export interface RequiredStepRule {
  /** People needed to complete the step. */
  readonly minPeople: number;
  /** Points earned when the step is complete (0 on the Enterprise track). */
  readonly points: number;
}

export interface SkillingTrackRule {
  readonly step1: RequiredStepRule;
  readonly step2: RequiredStepRule;
  readonly step3: {
    readonly pointsPerPerson: Ratio;
    /**
     * Enterprise: a step-3 person counts only if the same person also holds a step-1 or step-2
     * certification ("same as step 1 or step 2"). SMB: any step-3 holder counts.
     */
    readonly requiresStep1Or2: boolean;
  };
}

export interface RuleSet {
  readonly id: string;
  /** Version label shown on cards and stored with every snapshot. */
  readonly version: string;
  /** The rule set applies to evaluations whose `asOf` is on or after this date. */
  readonly effectiveFrom: string;
  readonly sources: readonly string[];

  readonly months: {
    /** Trailing window length (TTM). */
    readonly window: number;
    /** How many months back from L are read (L−35 … L): carry-over at L−12 needs L−35. */
    readonly history: number;
  };

  readonly azure: {
    readonly services: readonly NamedItem[];
    readonly ineligibleOffers: readonly string[];
    readonly associations: readonly string[];
  };

  readonly m365: {
    readonly workloads: readonly NamedItem[];
    readonly ineligibleWorkloads: readonly KnownIneligible[];
    readonly associations: readonly string[];
    /** Enterprise-sized: a row with paid licenses greater than this. */
    readonly enterpriseMinPaidExclusive: number;
    /** SMB-sized: a row with paid licenses in [smbMinPaid, smbMaxPaid]. */
    readonly smbMinPaid: number;
    readonly smbMaxPaid: number;
    /** Deployment: active licenses at least this percentage of the row's paid licenses. */
    readonly deploymentMinActivePercent: number;
  };

  /** Money thresholds in integer cents. */
  readonly azureCents: {
    /** Qualifying customer for net customer adds: acrTTM ≥ this. */
    readonly qualifyingCustomerMin: number;
    /** Enterprise classification / deployment: acrTTM > this. SMB: ≤ this. */
    readonly enterpriseMinExclusive: number;
    /** SMB deployment: acrTTM ≥ this. */
    readonly smbDeploymentMin: number;
  };

  readonly metrics: {
    readonly netCustomerAdds: { readonly max: number; readonly pointsPerNetAdd: Record<Track, Ratio> };
    readonly intermediateCertifications: { readonly max: number } & Record<Track, SkillingTrackRule>;
    readonly deployments: { readonly max: number; readonly pointsPerNetDeployment: Record<Track, Ratio> };
    readonly usageGrowth: {
      readonly max: number;
      /** Cents of Security ACR growth per point. */
      readonly azureCentsPerPoint: Record<Track, number>;
      /** Protected users growth per point. */
      readonly protectedUsersPerPoint: Record<Track, number>;
    };
  };

  readonly certifications: readonly CertificationRule[];
  /** A certification without `expires` is valid for this many years after it was earned. */
  readonly certificationValidityYears: number;
  /** A retired certification earned before retirement counts until retirement + this many years. */
  readonly retiredValidityYears: number;

  readonly qualification: { readonly minTotal: number; readonly minPointsPerMetric: number };
  readonly atRisk: { readonly certificationHorizonDays: number };

  /** The four Security specializations as in force from `effectiveFrom` (specializations-and-renewals.md). */
  readonly specializations: SpecializationRules;
}

export const METRICS = [
  'netCustomerAdds',
  'intermediateCertifications',
  'deployments',
  'usageGrowth',
] as const;
export type MetricName = (typeof METRICS)[number];
