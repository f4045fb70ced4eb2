import type { MetricName, Track } from '../scoring';
import type { GapJson, LevelJson, SideJson } from '../scoring/score';
import type { SnapshotHead } from '../scoring/snapshot';
import { plural, pts } from './format';

/** Plain sentences about one metric of one path, shared by the gap and detail cards. */

const usd = (n: number): string => `$${Math.round(n).toLocaleString('en-US')}`;

function side(name: string, s: SideJson, unit: string): string {
  const net = s.net > 0 ? `+${s.net}` : String(s.net);
  const floored = s.net < 0 ? ' (counted as 0)' : '';
  return `${name}: ${plural(s.current, unit)} now, ${s.previous} a year before → net ${net}${floored}`;
}

/** What counts today, in one or two lines. */
export function whatCounts(head: SnapshotHead, track: Track, metric: MetricName): string[] {
  const m = head.paths[track].metrics;
  const name = (id: string): string => head.people.find((p) => p.personId === id)?.name ?? id;
  switch (metric) {
    case 'netCustomerAdds':
      return [
        side('Azure', m.netCustomerAdds.azure, 'qualifying customer'),
        side('Microsoft 365', m.netCustomerAdds.m365, 'qualifying customer'),
      ];
    case 'deployments':
      return [
        side('Azure', m.deployments.azure, 'deployment'),
        side('Microsoft 365', m.deployments.m365, 'deployment'),
      ];
    case 'usageGrowth': {
      const { azure, m365 } = m.usageGrowth;
      return [
        `Azure Security ACR (12 months): ${usd(azure.lastUsd)} now vs ${usd(azure.yearAgoUsd)} a year before → ${azure.growthUsd >= 0 ? '+' : '−'}${usd(Math.abs(azure.growthUsd))}, ${plural(azure.points, 'point')} (1 per ${usd(azure.usdPerPoint)})`,
        `Microsoft 365 protected users: ${m365.protectedUsersLast.toLocaleString('en-US')} now vs ${m365.protectedUsersYearAgo.toLocaleString('en-US')} a year before → ${m365.growth >= 0 ? '+' : '−'}${Math.abs(m365.growth).toLocaleString('en-US')}, ${plural(m365.points, 'point')} (1 per ${m365.usersPerPoint})`,
      ];
    }
    case 'intermediateCertifications': {
      const s = m.intermediateCertifications;
      const step = (
        n: number,
        st: { people: readonly string[]; needed: number; complete: boolean },
      ): string =>
        `Step ${n}: ${st.people.length}/${st.needed} ${st.complete ? '✓' : '✗'}${st.people.length > 0 ? ` (${st.people.map(name).join(', ')})` : ''}`;
      const waiting = s.step3.notCounted.filter((n) => n.reason !== 'cap').map((n) => name(n.personId));
      return [
        `${step(1, s.step1)} · ${step(2, s.step2)}`,
        `Step 3: ${plural(s.step3.counted.length, 'person', 'people')} earning points${s.step3.counted.length > 0 ? ` (${s.step3.counted.map(name).join(', ')})` : ''}${waiting.length > 0 ? `; not counted yet: ${waiting.join(', ')}` : ''}`,
      ];
    }
  }
}

export function levelText(level: LevelJson): string {
  return level.actions.map((a) => a.text).join('; ');
}

/** The smallest next step, and the way to the maximum when it differs. */
export function nextStep(gap: GapJson): string {
  if (!gap.nextPoint) return 'At the maximum.';
  const next = `Next: ${levelText(gap.nextPoint)} → ${pts(gap.nextPoint.points)}`;
  if (!gap.toMax || gap.toMax.points === gap.nextPoint.points) return next;
  return `${next}. To reach ${gap.max} (${plural(gap.toMax.additions, 'addition')}): ${levelText(gap.toMax)}`;
}
