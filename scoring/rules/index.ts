import {
  security2025_08_26,
  security2026_05_01,
  security2026_07_30,
  security2026_08_31,
} from './amendments-2026';
import { security2026_05 } from './security-2026-05';
import type { RuleSet } from './types';

export * from './types';

/** Every rule set, oldest first. Add a file and list it here when Microsoft changes the rules. */
export const RULE_SETS: readonly RuleSet[] = [
  security2026_05,
  security2025_08_26,
  security2026_05_01,
  security2026_07_30,
  security2026_08_31,
];

/** The rule set in force on `asOf` (`YYYY-MM-DD`): the latest one effective on or before it. */
export function ruleSetFor(asOf: string): RuleSet {
  let chosen: RuleSet | undefined;
  for (const rules of RULE_SETS) if (rules.effectiveFrom <= asOf) chosen = rules;
  if (!chosen) throw new Error(`RULES_NOT_FOUND: no rule set is in force on ${asOf}`);
  return chosen;
}
