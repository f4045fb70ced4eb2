import type { Track } from '../scoring';
import type { SnapshotHead } from '../scoring/snapshot';
import { dataLine, METRIC_LABEL, OTHER_TRACK, plural, pts, TRACK_LABEL, type CardColor } from './format';
import { nextStep, whatCounts } from './metricText';
import { executeAction, render, type AdaptiveCard } from './render';
import template from './templates/gaps.json';

/** "What's missing?": per metric of one path, what counts, the smallest next step, and the plan line. */

export interface GapsCardModel {
  readonly title: string;
  readonly subtitle: string;
  readonly metrics: readonly {
    label: string;
    value: string;
    color: CardColor;
    now: string;
    next: string;
    nextColor: CardColor;
    actions: readonly Record<string, unknown>[];
  }[];
  readonly planLine: string;
  readonly planColor: CardColor;
  readonly actions: readonly Record<string, unknown>[];
}

export function gapsCardModel(head: SnapshotHead, track: Track): GapsCardModel {
  const path = head.paths[track];
  const plan = path.plan;
  return {
    title: `${path.qualified ? 'How to improve' : "What's missing"} — ${TRACK_LABEL[track]} path (${pts(path.total)} / 100)`,
    subtitle: `${head.partnerName} · ${dataLine(head)} · qualifies with ≥ 70 points and ≥ 1 point in every metric`,
    metrics: path.gaps.map((gap) => ({
      label: METRIC_LABEL[gap.metric],
      value: `${pts(gap.points)} / ${gap.max}${gap.met ? '' : ' ✗'}`,
      color: !gap.met ? 'Attention' : gap.points >= gap.max ? 'Good' : 'Default',
      now: whatCounts(head, track, gap.metric).join('\n\n'),
      next: nextStep(gap),
      nextColor: gap.nextPoint ? (gap.met ? 'Default' : 'Attention') : 'Good',
      actions: [
        executeAction('Details', 'metric', { path: track, metric: gap.metric }),
        ...(gap.metric === 'intermediateCertifications'
          ? [executeAction('Who takes which exam', 'certPlan', { path: track })]
          : []),
      ],
    })),
    planLine: plan.alreadyQualified
      ? `The ${TRACK_LABEL[track]} path qualifies today.`
      : `Plan to qualify: ${plural(plan.additions, 'addition')} → ${pts(plan.projected.total)} points.`,
    planColor: plan.alreadyQualified ? 'Good' : 'Accent',
    actions: [
      executeAction('Plan to qualify', 'plan', { path: track }),
      executeAction(`${TRACK_LABEL[OTHER_TRACK[track]]} path gaps`, 'gaps', { path: OTHER_TRACK[track] }),
      executeAction('Back to the score', 'score', { path: track }),
    ],
  };
}

export function gapsCard(head: SnapshotHead, track: Track): AdaptiveCard {
  return render(template, gapsCardModel(head, track));
}
