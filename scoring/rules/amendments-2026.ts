import { security2026_05 } from './security-2026-05';
import { SPECIALIZATIONS_2025_08, SPECIALIZATIONS_2026_07, SPECIALIZATIONS_2026_08 } from './specializations';
import type { RuleSet } from './types';

/**
 * The dated changes of specializations-and-renewals.md §6 and security-designation.md §7, each a rule
 * set of its own so that an evaluation (and the forecast) before a change date keeps the old rules.
 */

const REPORTED_SOURCE =
  "third-party summaries of Microsoft's specialization pages and Partner Center announcements of August 2026 (reported, not checked against Microsoft)";

/** 2025-08-26: Information Protection and Governance becomes Data Security (reported). */
export const security2025_08_26: RuleSet = {
  ...security2026_05,
  version: '2025-08-26',
  effectiveFrom: '2025-08-26',
  sources: [...security2026_05.sources, REPORTED_SOURCE],
  specializations: SPECIALIZATIONS_2025_08,
};

/**
 * 2026-05-01 (I-8): the Learn page of about May 2026 no longer lists Advanced Data Security, Advanced
 * Threat Protection and Network Watcher. They stay in the list with `endsOn` so the import summary can
 * say why their rows stopped counting (rather than calling them unknown names).
 */
export const security2026_05_01: RuleSet = {
  ...security2025_08_26,
  version: '2026-05-01',
  effectiveFrom: '2026-05-01',
};

/** 2026-07-30: audits replace customer references; benefits capped at three (reported). */
export const security2026_07_30: RuleSet = {
  ...security2026_05_01,
  version: '2026-07-30',
  effectiveFrom: '2026-07-30',
  specializations: SPECIALIZATIONS_2026_07,
};

/** 2026-08-31: AZ-500 retires; Cloud Security counts SC-500 holders (and AZ-500 earned before, I-6). */
export const security2026_08_31: RuleSet = {
  ...security2026_07_30,
  version: '2026-08-31',
  effectiveFrom: '2026-08-31',
  specializations: SPECIALIZATIONS_2026_08,
};
