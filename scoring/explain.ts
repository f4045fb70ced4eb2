import {
  acrTtm,
  EXCLUSION_TEXT,
  m365FlagsAt,
  M365_ENTERPRISE_SIZED,
  M365_SMB_SIZED,
  type Aggregates,
  type ExclusionReason,
  type ExclusionTally,
} from './aggregate';
import type { MonthIndex } from './calendar';
import { m365CarriedOver, protectedUsers } from './classify';
import type { Paths } from './evaluate';
import { centsToUsd } from './money';
import type { SideCounts } from './metrics/types';
import { TRACKS, type Track } from './rules/types';

/**
 * Per-customer explanations, so the bot can answer "why doesn't Fabrikam count?": the figures the
 * rules test, where the customer counts on each path, and which rows a filter excluded and why.
 */

export type CountedIn = 'both' | 'current' | 'previous' | 'none';
export type SideName = 'azure' | 'm365';
export type CountedMetric = 'netCustomerAdds' | 'deployments' | 'usageGrowth';
const COUNTED_METRICS: readonly CountedMetric[] = ['netCustomerAdds', 'deployments', 'usageGrowth'];
const SIDES: readonly SideName[] = ['azure', 'm365'];

export interface ExcludedRows {
  readonly reason: ExclusionReason;
  readonly text: string;
  readonly rows: number;
  /** Azure only. */
  readonly usd?: number;
}

export interface CustomerExplanation {
  readonly tenantId: string;
  readonly name: string;
  readonly azure: {
    /** Eligible Security ACR over the 12 months ending L, L−12 and L−24 (USD). */
    readonly acrTtmUsd: { readonly last: number; readonly yearAgo: number; readonly twoYearsAgo: number };
  };
  readonly m365: {
    /** Size of the tenant in L and L−12 by its largest eligible row. */
    readonly sizeLast: 'enterprise' | 'smb' | 'both' | 'none';
    readonly sizeYearAgo: 'enterprise' | 'smb' | 'both' | 'none';
    readonly protectedUsersLast: number;
    readonly protectedUsersYearAgo: number;
    /** SMB carry-over (§2) in L. */
    readonly carriedOverToSmb: boolean;
  };
  /**
   * Where the customer counts: `current` = the current window (net customer adds) or month L
   * (deployments, usage growth); `previous` = the previous window or L−12.
   */
  readonly counts: Record<Track, Record<CountedMetric, Record<SideName, CountedIn>>>;
  /** `track.metric.side` where it counts in the trailing window now but drops out of it next month. */
  readonly dropsNextMonth: readonly string[];
  readonly excluded: readonly ExcludedRows[];
}

function sizeOf(flags: number): 'enterprise' | 'smb' | 'both' | 'none' {
  const ent = (flags & M365_ENTERPRISE_SIZED) !== 0;
  const smb = (flags & M365_SMB_SIZED) !== 0;
  return ent && smb ? 'both' : ent ? 'enterprise' : smb ? 'smb' : 'none';
}

function excludedRows(tally: ExclusionTally | undefined, withMoney: boolean): ExcludedRows[] {
  if (!tally) return [];
  return (Object.entries(tally) as [ExclusionReason, { rows: number; cents: number }][]).map(
    ([reason, count]) => ({
      reason,
      text: EXCLUSION_TEXT[reason],
      rows: count.rows,
      ...(withMoney ? { usd: centsToUsd(count.cents) } : {}),
    }),
  );
}

/** Bit index of (track, metric, side) in the per-customer masks. */
function bit(track: Track, metric: CountedMetric, side: SideName): number {
  return TRACKS.indexOf(track) * 6 + COUNTED_METRICS.indexOf(metric) * 2 + SIDES.indexOf(side);
}

function tenantsOf(
  paths: Paths,
  track: Track,
  metric: CountedMetric,
  side: SideName,
): { current: number[]; previous: number[] } {
  const m = paths[track].metrics;
  if (metric === 'usageGrowth') {
    const s = m.usageGrowth[side];
    return { current: s.tenantsNow, previous: s.tenantsYearAgo };
  }
  const s: SideCounts = m[metric][side];
  return { current: s.current, previous: s.previous };
}

function state(now: number, before: number, b: number): CountedIn {
  const n = (now >> b) & 1;
  const p = (before >> b) & 1;
  return n ? (p ? 'both' : 'current') : p ? 'previous' : 'none';
}

/** One track's counts from the masks, bits from offset `o` in the order of `bit()`. */
function trackCounts(
  now: number,
  before: number,
  o: number,
): Record<CountedMetric, Record<SideName, CountedIn>> {
  return {
    netCustomerAdds: { azure: state(now, before, o), m365: state(now, before, o + 1) },
    deployments: { azure: state(now, before, o + 2), m365: state(now, before, o + 3) },
    usageGrowth: { azure: state(now, before, o + 4), m365: state(now, before, o + 5) },
  };
}

export function explainCustomers(
  agg: Aggregates,
  ids: readonly string[],
  names: readonly string[],
  L: MonthIndex,
  paths: Paths,
  nextPaths: Paths,
): CustomerExplanation[] {
  const T = agg.tenantCount;
  const current = new Uint16Array(T);
  const previous = new Uint16Array(T);
  const next = new Uint16Array(T);
  for (const track of TRACKS) {
    for (const metric of COUNTED_METRICS) {
      for (const side of SIDES) {
        const mask = 1 << bit(track, metric, side);
        const lists = tenantsOf(paths, track, metric, side);
        for (const t of lists.current) current[t]! |= mask;
        for (const t of lists.previous) previous[t]! |= mask;
        for (const t of tenantsOf(nextPaths, track, metric, side).current) next[t]! |= mask;
      }
    }
  }
  // Only trailing-window measures can "drop out of the window": net customer adds on both sides and
  // the Azure TTM figures. M365 deployments and protected users are single-month readings, which
  // next month's projection carries forward from the last complete month.
  const labels: string[] = [];
  let windowed = 0;
  for (const track of TRACKS) {
    for (const metric of COUNTED_METRICS) {
      for (const side of SIDES) {
        labels[bit(track, metric, side)] = `${track}.${metric}.${side}`;
        if (metric === 'netCustomerAdds' || side === 'azure') windowed |= 1 << bit(track, metric, side);
      }
    }
  }
  const out: CustomerExplanation[] = new Array(T);
  for (let t = 0; t < T; t++) {
    const now = current[t]!;
    const before = previous[t]!;
    const counts = { enterprise: trackCounts(now, before, 0), smb: trackCounts(now, before, 6) };
    const drops: string[] = [];
    const dropped = now & ~next[t]! & windowed;
    for (let b = 0; dropped >> b; b++) if ((dropped >> b) & 1) drops.push(labels[b]!);
    const exclusions = agg.tenantExclusions.get(t);
    out[t] = {
      tenantId: ids[t]!,
      name: names[t]!,
      azure: {
        acrTtmUsd: {
          last: centsToUsd(acrTtm(agg, t, L)),
          yearAgo: centsToUsd(acrTtm(agg, t, L - 12)),
          twoYearsAgo: centsToUsd(acrTtm(agg, t, L - 24)),
        },
      },
      m365: {
        sizeLast: sizeOf(m365FlagsAt(agg, t, L)),
        sizeYearAgo: sizeOf(m365FlagsAt(agg, t, L - 12)),
        protectedUsersLast: protectedUsers(agg, t, L),
        protectedUsersYearAgo: protectedUsers(agg, t, L - 12),
        carriedOverToSmb: m365CarriedOver(agg, t, L),
      },
      counts,
      dropsNextMonth: drops,
      excluded: [...excludedRows(exclusions?.azure, true), ...excludedRows(exclusions?.m365, false)],
    };
  }
  return out;
}
