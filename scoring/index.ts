/** The pure scoring engine: no I/O, no clock, no SDK. */
export * from './dataset';
export * from './score';
export { ruleSetFor, RULE_SETS } from './rules';
export type { RuleSet, Track, MetricName } from './rules/types';
export { METRICS, TRACKS } from './rules/types';
