import type { Person } from '../certifications';
import { capped, points as toPoints, type Points } from '../points';
import type { RuleSet, SkillingStep, SkillingTrackRule, Track } from '../rules/types';
import type { MetricBase } from './types';

export interface IntermediateCertificationsResult extends MetricBase {
  readonly metric: 'intermediateCertifications';
  /** People (ids) holding a valid certification of each step on the date. */
  readonly step1: string[];
  readonly step2: string[];
  readonly step3: string[];
  readonly step1Complete: boolean;
  readonly step2Complete: boolean;
  /** Step-3 people whose certification earns points. */
  readonly step3Counted: string[];
  /** Step-3 holders who earn nothing, and why. */
  readonly step3NotCounted: { personId: string; reason: 'stepsIncomplete' | 'needsStep1Or2' | 'cap' }[];
}

/**
 * Whether a step-3 holder with these valid steps earns step-3 points once steps 1 and 2 are complete:
 * on Enterprise only with a step-1 or step-2 certification too ("same as step 1 or step 2").
 */
export function earnsStep3(rule: SkillingTrackRule, steps: ReadonlySet<SkillingStep>): boolean {
  return steps.has(3) && (!rule.step3.requiresStep1Or2 || steps.has(1) || steps.has(2));
}

/** Points of the skilling metric for given step counts (used by the planner too). */
export function skillingPoints(
  rule: SkillingTrackRule,
  max: number,
  n1: number,
  n2: number,
  step3People: number,
): Points {
  const c1 = n1 >= rule.step1.minPeople;
  const c2 = n2 >= rule.step2.minPeople;
  let total = toPoints((c1 ? rule.step1.points : 0) + (c2 ? rule.step2.points : 0));
  // Step 3 earns only when steps 1 and 2 are both complete.
  if (c1 && c2) total = total.add(capped(rule.step3.pointsPerPerson, step3People, max));
  return total.compare(max) > 0 ? toPoints(max) : total;
}

/**
 * Rules §3.2. A person counts toward several steps, at most once per step. Enterprise: steps 1 and 2
 * need 2 people each and earn nothing; then each person with a step-3 certification and a step-1
 * or step-2 certification ("same as step 1 or step 2") adds 40/6. SMB: steps 1 and 2 earn 4 each
 * independently; with both complete each step-3 holder adds 8. Capped at 40.
 */
export function intermediateCertifications(
  people: readonly Person[],
  track: Track,
  rules: RuleSet,
): IntermediateCertificationsResult {
  const metricRule = rules.metrics.intermediateCertifications;
  const rule = metricRule[track];
  const step1 = people.filter((p) => p.steps.has(1)).map((p) => p.personId);
  const step2 = people.filter((p) => p.steps.has(2)).map((p) => p.personId);
  const step3People = people.filter((p) => p.steps.has(3));
  const step1Complete = step1.length >= rule.step1.minPeople;
  const step2Complete = step2.length >= rule.step2.minPeople;
  const eligible = step3People.filter((p) => earnsStep3(rule, p.steps));
  const eligibleIds = new Set(eligible.map((p) => p.personId));
  const maxCounted = Number(
    toPoints(metricRule.max).div(toPoints(rule.step3.pointsPerPerson)).ceil().valueOf(),
  );
  const step3Counted: string[] = [];
  const step3NotCounted: IntermediateCertificationsResult['step3NotCounted'] = [];
  for (const person of step3People) {
    if (!eligibleIds.has(person.personId))
      step3NotCounted.push({ personId: person.personId, reason: 'needsStep1Or2' });
    else if (!(step1Complete && step2Complete))
      step3NotCounted.push({ personId: person.personId, reason: 'stepsIncomplete' });
    else if (step3Counted.length >= maxCounted)
      step3NotCounted.push({ personId: person.personId, reason: 'cap' });
    else step3Counted.push(person.personId);
  }
  return {
    metric: 'intermediateCertifications',
    track,
    max: metricRule.max,
    points: skillingPoints(rule, metricRule.max, step1.length, step2.length, eligible.length),
    step1,
    step2,
    step3: step3People.map((p) => p.personId),
    step1Complete,
    step2Complete,
    step3Counted,
    step3NotCounted,
  };
}
