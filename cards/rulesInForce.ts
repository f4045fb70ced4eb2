import { RULE_SETS, ruleSetFor, type RuleSet } from '../scoring/rules';
import type { SnapshotHead } from '../scoring/snapshot';

/** The rule set the snapshot was scored with (its id and version), else the one in force on its date. */
export function rulesOf(head: SnapshotHead): RuleSet {
  return (
    RULE_SETS.find((r) => r.id === head.ruleSet.id && r.version === head.ruleSet.version) ??
    ruleSetFor(head.asOf)
  );
}
