import { addDays, addMonths, daysBetween } from './calendar';
import { peopleOn, type Person } from './certifications';
import type { CertificationRow, NormalizedDataset } from './dataset';
import { qualifies, type Paths } from './evaluate';
import { intermediateCertifications } from './metrics/intermediateCertifications';
import type { Aggregates } from './aggregate';
import type { Points } from './points';
import { projectedEvaluation, type ProjectedEvaluation } from './projection';
import { TRACKS, type RuleSet, type SkillingStep, type Track } from './rules/types';

export interface ExpiringCertification {
  readonly personId: string;
  readonly personName: string;
  readonly exam: string;
  readonly step: SkillingStep;
  /** First day it no longer counts. */
  readonly endsOn: string;
  readonly endsBy: 'expiry' | 'retirement';
  readonly daysLeft: number;
}

export interface AtRisk {
  /** Certifications that stop counting within the horizon (90 days). */
  readonly certifications: readonly ExpiringCertification[];
  /** Skilling points and totals without those certifications. */
  readonly withoutExpiring: Record<Track, { skilling: Points; total: Points; qualified: boolean }>;
  /** The evaluation one month later if nothing new happens: the forecast's first month (projection.ts). */
  readonly nextMonth: ProjectedEvaluation;
}

/**
 * Rules §5, "also worth telling": certifications that expire or retire within 90 days and the score
 * without them; the score next month if nothing new happens: `asOf` moved one month on, read from
 * `projected` (the last complete month's usage carried forward, issue 13; the windows drop their
 * oldest month).
 */
export function atRisk(
  data: NormalizedDataset,
  projected: Aggregates,
  paths: Paths,
  people: readonly Person[],
  rules: RuleSet,
): AtRisk {
  const asOf = data.asOf;
  const horizon = addDays(asOf, rules.atRisk.certificationHorizonDays);
  const expiring: ExpiringCertification[] = [];
  const expiringRows = new Set<CertificationRow>();
  for (const person of people) {
    for (const status of person.certifications) {
      if (status.state !== 'valid' || !status.rule || !status.endsOn || status.endsOn > horizon) continue;
      expiringRows.add(status.row);
      expiring.push({
        personId: person.personId,
        personName: person.name,
        exam: status.rule.exam,
        step: status.rule.step,
        endsOn: status.endsOn,
        endsBy: status.endsBy ?? 'expiry',
        daysLeft: daysBetween(asOf, status.endsOn),
      });
    }
  }
  expiring.sort((a, b) => a.endsOn.localeCompare(b.endsOn) || a.personName.localeCompare(b.personName));

  const remaining =
    expiringRows.size > 0
      ? peopleOn(data.certifications, rules, asOf, undefined, (row) => expiringRows.has(row))
      : people;
  const withoutExpiring = Object.fromEntries(
    TRACKS.map((track) => {
      const path = paths[track];
      const skilling = intermediateCertifications(remaining, track, rules).points;
      const total = path.total.sub(path.metrics.intermediateCertifications.points).add(skilling);
      const metricPoints = [
        path.metrics.netCustomerAdds.points,
        skilling,
        path.metrics.deployments.points,
        path.metrics.usageGrowth.points,
      ];
      return [track, { skilling, total, qualified: qualifies(metricPoints, rules) }];
    }),
  ) as AtRisk['withoutExpiring'];

  return {
    certifications: expiring,
    withoutExpiring,
    nextMonth: projectedEvaluation(data, projected, addMonths(asOf, 1)),
  };
}
