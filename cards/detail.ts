import { METRICS, type MetricName, type Track } from '../scoring';
import type { CustomerExplanation } from '../scoring/explain';
import type { SnapshotHead } from '../scoring/snapshot';
import {
  dataLine,
  dayText,
  METRIC_LABEL,
  monthText,
  OTHER_TRACK,
  plural,
  pts,
  TRACK_LABEL,
  type CardColor,
} from './format';
import { contributionText, notCountingReason } from './customers';
import { nextStep, whatCounts } from './metricText';
import { executeAction, render, type AdaptiveCard } from './render';
import { rulesOf } from './rulesInForce';
import template from './templates/detail.json';

/**
 * The detail card: a title and sections of lines. One template, one view model per question:
 * a metric's detail, the plan to qualify, what is at risk, why a customer (does not) count.
 */

export interface DetailLine {
  readonly text: string;
  readonly color: CardColor;
}

export interface DetailCardModel {
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly { heading: string; lines: readonly DetailLine[] }[];
  readonly actions: readonly Record<string, unknown>[];
}

const line = (text: string, color: CardColor = 'Default'): DetailLine => ({ text, color });
const dataAsOf = (head: SnapshotHead): string => `${head.partnerName} · ${dataLine(head)}`;

export function detailCard(model: DetailCardModel): AdaptiveCard {
  return render(template, model);
}

const REASON: Record<string, string> = {
  stepsIncomplete: 'steps 1 and 2 are not both complete',
  needsStep1Or2: 'holds no step-1 or step-2 certification (Enterprise: "same as step 1 or step 2")',
  cap: 'the metric is already at its cap',
};

export function metricDetailModel(head: SnapshotHead, track: Track, metric: MetricName): DetailCardModel {
  const path = head.paths[track];
  const gap = path.gaps.find((g) => g.metric === metric)!;
  const m = path.metrics[metric];
  const sections: { heading: string; lines: DetailLine[] }[] = [
    { heading: 'What counts now', lines: whatCounts(head, track, metric).map((t) => line(t)) },
    { heading: 'What is missing', lines: [line(nextStep(gap), gap.met ? 'Default' : 'Attention')] },
  ];
  if (metric === 'netCustomerAdds' || metric === 'deployments') {
    const counts = path.metrics[metric];
    const names = (ids: readonly string[]): string => ids.join(', ') || '—';
    sections.push({
      heading: 'Changes against a year before',
      lines: [
        line(`Azure added: ${names(counts.azure.added)} · lost: ${names(counts.azure.lost)}`),
        line(`Microsoft 365 added: ${names(counts.m365.added)} · lost: ${names(counts.m365.lost)}`),
      ],
    });
  }
  if (metric === 'intermediateCertifications') {
    const name = (id: string): string => head.people.find((p) => p.personId === id)?.name ?? id;
    const notCounted = path.metrics.intermediateCertifications.step3.notCounted;
    if (notCounted.length > 0) {
      sections.push({
        heading: 'Step-3 holders not counted',
        lines: notCounted.map((n) => line(`${name(n.personId)}: ${REASON[n.reason]}`, 'Warning')),
      });
    }
  }
  return {
    title: `${METRIC_LABEL[metric]} — ${TRACK_LABEL[track]} path: ${pts(m.points)} / ${m.max}`,
    subtitle: dataAsOf(head),
    sections,
    actions: [
      executeAction(`${TRACK_LABEL[OTHER_TRACK[track]]} path`, 'metric', {
        path: OTHER_TRACK[track],
        metric,
      }),
      executeAction("All of what's missing", 'gaps', { path: track }),
      ...(metric === 'intermediateCertifications'
        ? [executeAction('Who takes which exam', 'certPlan', { path: track })]
        : []),
      executeAction('Back to the score', 'score', { path: track }),
    ],
  };
}

export function planModel(head: SnapshotHead, track: Track): DetailCardModel {
  const path = head.paths[track];
  const plan = path.plan;
  const sections = plan.alreadyQualified
    ? [
        {
          heading: 'Qualified',
          lines: [
            line(`The ${TRACK_LABEL[track]} path qualifies today with ${pts(path.total)} points.`, 'Good'),
          ],
        },
      ]
    : [
        {
          heading: `${plural(plan.additions, 'addition')} → ${pts(plan.projected.total)} points, every metric ≥ 1`,
          lines: plan.steps.map((s, i) =>
            line(
              `${i + 1}. ${METRIC_LABEL[s.metric]} ${pts(s.from)} → ${pts(s.to)}: ${s.actions.map((a) => a.text).join('; ')}`,
              s.from < 1 ? 'Attention' : 'Default',
            ),
          ),
        },
        {
          heading: 'How this is counted',
          lines: [
            line(
              'One addition is one net customer, one exam passed, one net deployment, or one usage-growth point of ACR or protected users. Metrics at 0 come first.',
            ),
          ],
        },
      ];
  return {
    title: `Plan to qualify — ${TRACK_LABEL[track]} path (${pts(path.total)} today)`,
    subtitle: dataAsOf(head),
    sections,
    actions: [
      executeAction(`${TRACK_LABEL[OTHER_TRACK[track]]} path plan`, 'plan', { path: OTHER_TRACK[track] }),
      executeAction("What's missing", 'gaps', { path: track }),
      executeAction('Back to the score', 'score', { path: track }),
    ],
  };
}

export function atRiskModel(head: SnapshotHead): DetailCardModel {
  const risk = head.atRisk;
  const certLines = risk.certifications.map((c) =>
    line(
      `${c.personName}: ${c.exam} (step ${c.step}) stops counting on ${c.endsOn} — ${c.endsBy === 'retirement' ? 'exam retired' : 'expires'}, ${plural(c.daysLeft, 'day')} left`,
      'Warning',
    ),
  );
  const without = (['enterprise', 'smb'] as const).map(
    (t) =>
      `${TRACK_LABEL[t]} ${pts(risk.withoutExpiring[t].total)}${risk.withoutExpiring[t].qualified ? '' : ' (not qualified)'}`,
  );
  const leaving = risk.customersLeavingNextMonth
    .slice(0, 10)
    .map((c) =>
      line(`${c.name}: ${c.drops.length} measure${c.drops.length === 1 ? '' : 's'} (${c.drops.join(', ')})`),
    );
  const next = (['enterprise', 'smb'] as const).map((t) => {
    const then = risk.nextMonth.paths[t];
    const change = Math.round((then.total - head.paths[t].total) * 100) / 100;
    // Where a change comes from, so that a drop beside "nothing ending" is explained, not a riddle.
    const moved = METRICS.flatMap((m) => {
      const now = head.paths[t].metrics[m].points;
      const later = then.metrics[m].points;
      return now === later ? [] : [`${METRIC_LABEL[m]} ${pts(now)} → ${pts(later)}`];
    });
    return line(
      `${TRACK_LABEL[t]}: ${pts(then.total)} (${change >= 0 ? '+' : ''}${pts(change)})${then.qualified ? '' : ' — not qualified'}${moved.length > 0 ? ` · ${moved.join(', ')}` : ''}`,
      then.qualified ? 'Default' : 'Attention',
    );
  });
  return {
    title: 'At risk',
    subtitle: dataAsOf(head),
    sections: [
      {
        heading: 'Certifications ending within 90 days',
        lines:
          certLines.length > 0
            ? [...certLines, line(`Without them: ${without.join(', ')}`)]
            : [line('None.', 'Good')],
      },
      {
        heading: `Customers leaving a 12-month window next month${risk.customersLeavingCount > 10 ? ` (10 of ${risk.customersLeavingCount})` : ''}`,
        lines: leaving.length > 0 ? leaving : [line('None.', 'Good')],
      },
      {
        // Issue 13: the projection's basis; results stored before it read the month not reported yet as zero.
        heading: risk.nextMonth.projectedFrom
          ? `On ${dayText(risk.nextMonth.asOf)}, projected from ${monthText(risk.nextMonth.projectedFrom)} data, if usage stays at that level`
          : `On ${dayText(risk.nextMonth.asOf)} if no usage for ${monthText(risk.nextMonth.lastMonth)} arrives`,
        lines: next,
      },
    ],
    actions: [executeAction('Back to the score', 'score', {})],
  };
}

/** A customer's Microsoft 365 size (by paid licenses of eligible workloads), in partner words. */
const M365_SIZE: Record<'enterprise' | 'smb' | 'both' | 'none', string> = {
  enterprise: 'Enterprise',
  smb: 'SMB',
  both: 'Enterprise and SMB',
  none: 'no eligible licenses',
};

const COUNTED: Record<string, string> = {
  both: 'counts now and a year before',
  current: 'counts now (new)',
  previous: 'counted a year before, not now',
  none: 'does not count',
};

export function customerModel(head: SnapshotHead, customer: CustomerExplanation): DetailCardModel {
  const c = customer;
  const rules = rulesOf(head);
  // Headline path first: what the customer adds to the score, or why it adds nothing there.
  const tracks = [head.headline, OTHER_TRACK[head.headline]];
  const contributes = tracks.map((track) => {
    const text = contributionText(c, track);
    return line(
      `${TRACK_LABEL[track]} path: ${text ? `✓ counts — ${text}` : `✗ counts toward nothing — ${notCountingReason(c, track, rules)}`}`,
    );
  });
  const paths = (['enterprise', 'smb'] as const).map((track) => ({
    heading: `${TRACK_LABEL[track]} path, measure by measure`,
    lines: (['netCustomerAdds', 'deployments', 'usageGrowth'] as const).map((metric) => {
      const counts = c.counts[track][metric];
      return line(
        `${METRIC_LABEL[metric]} — Azure: ${COUNTED[counts.azure]}; Microsoft 365: ${COUNTED[counts.m365]}`,
      );
    }),
  }));
  const excluded = c.excluded.map((e) =>
    line(
      `${plural(e.rows, 'row')} not counted: ${e.text}${e.usd !== undefined ? ` ($${e.usd.toLocaleString('en-US')})` : ''}`,
    ),
  );
  return {
    title: `${c.name} (${c.tenantId})`,
    subtitle: dataAsOf(head),
    sections: [
      { heading: 'What it contributes to the score', lines: contributes },
      {
        heading: 'The figures the rules test',
        lines: [
          line(
            `Eligible Azure Security ACR over 12 months: $${c.azure.acrTtmUsd.last.toLocaleString('en-US')} now, $${c.azure.acrTtmUsd.yearAgo.toLocaleString('en-US')} a year before (≥ $600 qualifies; > $12,000 is Enterprise-sized)`,
          ),
          line(
            `Microsoft 365 size in ${monthText(head.lastMonth)}: ${M365_SIZE[c.m365.sizeLast]} (a year before: ${M365_SIZE[c.m365.sizeYearAgo]}); ${c.m365.protectedUsersLast.toLocaleString('en-US')} protected users${c.m365.carriedOverToSmb ? '; carried over to SMB' : ''}`,
          ),
        ],
      },
      ...paths,
      ...(excluded.length > 0 ? [{ heading: 'Rows a filter excluded', lines: excluded }] : []),
      ...(c.dropsNextMonth.length > 0
        ? [
            {
              heading: 'Next month',
              lines: [line(`⚠ Leaves a 12-month window: ${c.dropsNextMonth.join(', ')}`)],
            },
          ]
        : []),
    ],
    actions: [
      executeAction('All customers', 'customers', { path: head.headline }),
      executeAction('Back to the score', 'score', {}),
    ],
  };
}
