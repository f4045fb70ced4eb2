import type { Track } from '../scoring';
import type { CountedIn, CountedMetric, CustomerExplanation, SideName } from '../scoring/explain';
import type { RuleSet } from '../scoring/rules';
import type { SnapshotHead } from '../scoring/snapshot';
import {
  METRIC_LABEL,
  OTHER_TRACK,
  plural,
  shortName,
  TRACK_LABEL,
  type CardColor,
  dataLine,
} from './format';
import { executeAction, render, type AdaptiveCard } from './render';
import { rulesOf } from './rulesInForce';
import template from './templates/customers.json';

/**
 * "Which customers count?": every customer of the data with what it contributes on one path (the
 * measures it counts toward, with its figures) or why it does not count, biggest contributors first.
 */

export interface CustomerRow {
  readonly name: string;
  readonly detail: string;
  /** A short status word, the only coloured text. */
  readonly status: string;
  readonly color: CardColor;
  readonly hasAction: boolean;
  readonly action: Record<string, unknown>;
}

export interface CustomersCardModel {
  readonly title: string;
  readonly subtitle: string;
  readonly summary: string;
  readonly sections: readonly {
    heading: string;
    rows: readonly CustomerRow[];
    more: string;
    hasMore: boolean;
  }[];
  readonly actions: readonly Record<string, unknown>[];
}

/** Rows per list; the rest are counted. 20 rows of long names stay well under 28 KB (about 21 KB). */
export const COUNTING_ROWS = 12;
export const NOT_COUNTING_ROWS = 8;

/**
 * The customer card's verb takes the tenant id: Partner Center's are GUIDs; other sources use short
 * ids ("c-001"). Anything else gets no button (the card payload is validated against this).
 */
export const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const METRICS: readonly CountedMetric[] = ['netCustomerAdds', 'deployments', 'usageGrowth'];
const SIDES: readonly SideName[] = ['azure', 'm365'];
const SIDE_LABEL: Record<SideName, string> = { azure: 'Azure', m365: 'Microsoft 365' };

const countsNow = (state: CountedIn): boolean => state === 'current' || state === 'both';
const usd = (n: number): string => `$${Math.round(n).toLocaleString('en-US')}`;
const signed = (n: number, format: (n: number) => string): string =>
  `${n >= 0 ? '+' : '−'}${format(Math.abs(n))}`;

/** How many (measure, side) pairs the customer counts toward now on a path: its weight in the ranking. */
function weight(c: CustomerExplanation, track: Track): number {
  return METRICS.reduce((sum, m) => sum + SIDES.filter((s) => countsNow(c.counts[track][m][s])).length, 0);
}

function sideText(c: CustomerExplanation, metric: CountedMetric, side: SideName, state: CountedIn): string {
  const fresh = state === 'current' ? ' (new)' : '';
  if (metric !== 'usageGrowth') return `${SIDE_LABEL[side]}${fresh}`;
  if (side === 'azure') {
    const acr = c.azure.acrTtmUsd;
    return `Azure ${usd(acr.last)} Security ACR over 12 months (${signed(acr.last - acr.yearAgo, usd)} on a year before)`;
  }
  const m = c.m365;
  return `Microsoft 365 ${m.protectedUsersLast.toLocaleString('en-US')} protected users (${signed(m.protectedUsersLast - m.protectedUsersYearAgo, (n) => n.toLocaleString('en-US'))})`;
}

/**
 * What the customer contributes on a path: "Net customer adds: Azure (new) · Usage growth: Azure
 * $22,680 Security ACR over 12 months (+$5,880 on a year before)"; empty when it counts toward nothing.
 */
export function contributionText(c: CustomerExplanation, track: Track): string {
  return METRICS.flatMap((metric) => {
    const sides = SIDES.filter((s) => countsNow(c.counts[track][metric][s]));
    if (sides.length === 0) return [];
    return [
      `${METRIC_LABEL[metric]}: ${sides.map((s) => sideText(c, metric, s, c.counts[track][metric][s])).join(', ')}`,
    ];
  }).join(' · ');
}

/** "Deployments (Microsoft 365)": measures it counted toward a year before and no longer does. */
function lostText(c: CustomerExplanation, track: Track): string {
  return METRICS.flatMap((metric) => {
    const sides = SIDES.filter((s) => c.counts[track][metric][s] === 'previous');
    return sides.length > 0
      ? [`${METRIC_LABEL[metric].toLowerCase()} (${sides.map((s) => SIDE_LABEL[s]).join(', ')})`]
      : [];
  }).join(', ');
}

/** Why a customer counts toward nothing on a path, from the figures the rules test ("reason; reason"). */
export function notCountingReason(c: CustomerExplanation, track: Track, rules: RuleSet): string {
  const reasons: string[] = [];
  const lost = lostText(c, track);
  if (lost) reasons.push(`counted a year before, not now: ${lost}`);
  const acr = c.azure.acrTtmUsd.last;
  const minimum = rules.azureCents.qualifyingCustomerMin / 100;
  if (acr > 0 && acr < minimum)
    reasons.push(`Azure Security ACR over 12 months ${usd(acr)}, below the ${usd(minimum)} a customer needs`);
  const size = c.m365.sizeLast;
  if (track === 'enterprise' && size === 'smb')
    reasons.push(
      `Microsoft 365 is SMB-sized (no workload with more than ${rules.m365.enterpriseMinPaidExclusive} paid licences)`,
    );
  if (track === 'smb' && size === 'enterprise' && !c.m365.carriedOverToSmb)
    reasons.push(`Microsoft 365 is Enterprise-sized (more than ${rules.m365.smbMaxPaid} paid licences)`);
  for (const e of c.excluded.slice(0, 2)) reasons.push(`${plural(e.rows, 'row')} not counted: ${e.text}`);
  if (weight(c, OTHER_TRACK[track]) > 0)
    reasons.push(`counts on the ${TRACK_LABEL[OTHER_TRACK[track]]} path`);
  if (reasons.length === 0)
    reasons.push(
      acr === 0 && size === 'none'
        ? 'no eligible Security usage or licences in the months the score reads'
        : 'its usage does not meet a threshold of this path',
    );
  return reasons.join('; ');
}

function status(c: CustomerExplanation, track: Track): { status: string; color: CardColor } {
  const states = METRICS.flatMap((m) => SIDES.map((s) => c.counts[track][m][s]));
  if (states.includes('current')) return { status: '✓ new', color: 'Good' };
  if (states.includes('both')) return { status: '✓ counts', color: 'Good' };
  if (states.includes('previous')) return { status: '✗ lost', color: 'Attention' };
  return { status: '—', color: 'Default' };
}

function customerRow(c: CustomerExplanation, track: Track, rules: RuleSet): CustomerRow {
  const contribution = contributionText(c, track);
  const clickable = TENANT_ID.test(c.tenantId);
  return {
    name: shortName(c.name || c.tenantId),
    detail: contribution || `Does not count: ${notCountingReason(c, track, rules)}.`,
    ...status(c, track),
    hasAction: clickable,
    action: clickable ? executeAction('Details', 'customer', { tenantId: c.tenantId }) : {},
  };
}

/** Biggest contributors first: most measures counted, then Security ACR, then protected users. */
function rank(
  weights: ReadonlyMap<CustomerExplanation, number>,
): (a: CustomerExplanation, b: CustomerExplanation) => number {
  return (a, b) =>
    weights.get(b)! - weights.get(a)! ||
    b.azure.acrTtmUsd.last - a.azure.acrTtmUsd.last ||
    b.m365.protectedUsersLast - a.m365.protectedUsersLast ||
    a.name.localeCompare(b.name);
}

export function customersModel(
  head: SnapshotHead,
  customers: readonly CustomerExplanation[],
  track: Track,
): CustomersCardModel {
  const rules = rulesOf(head);
  const weights = new Map(customers.map((c) => [c, weight(c, track)]));
  const sorted = [...customers].sort(rank(weights));
  const counting = sorted.filter((c) => weights.get(c)! > 0);
  const others = sorted.filter((c) => weights.get(c) === 0);
  const section = (heading: string, list: readonly CustomerExplanation[], limit: number) => ({
    heading,
    rows: list.slice(0, limit).map((c) => customerRow(c, track, rules)),
    more: list.length > limit ? `… and ${plural(list.length - limit, 'more customer')}` : '',
    hasMore: list.length > limit,
  });
  return {
    title: `Customers — ${TRACK_LABEL[track]} path: ${counting.length.toLocaleString('en-US')} of ${plural(customers.length, 'customer')} count`,
    subtitle: `${head.partnerName} · ${dataLine(head)} · what each counts toward, biggest contributors first`,
    summary:
      customers.length === 0
        ? 'No customer appears in the data yet: a customer appears once Partner Center reports any row for its tenant.'
        : `${plural(counting.length, 'customer')} ${counting.length === 1 ? 'counts' : 'count'} toward at least one measure on the ${TRACK_LABEL[track]} path; ${plural(others.length, 'customer')} ${others.length === 1 ? 'does' : 'do'} not. Tap a customer for its details.`,
    sections: [
      ...(counting.length > 0 ? [section('Count', counting, COUNTING_ROWS)] : []),
      ...(others.length > 0 ? [section('Do not count', others, NOT_COUNTING_ROWS)] : []),
    ],
    actions: [
      executeAction(`${TRACK_LABEL[OTHER_TRACK[track]]} path`, 'customers', { path: OTHER_TRACK[track] }),
      executeAction('Not getting credit', 'attribution', {}),
      executeAction('Back to the score', 'score', { path: track }),
    ],
  };
}

export function customersCard(
  head: SnapshotHead,
  customers: readonly CustomerExplanation[],
  track: Track,
): AdaptiveCard {
  return render(template, customersModel(head, customers, track));
}
