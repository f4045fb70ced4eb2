import pc from 'picocolors';
import { monthLabel } from '../../scoring/calendar';
import { describeAction, type Level } from '../../scoring/gaps';
import { customersLeaving, type ScoreReport } from '../../scoring/score';
import { round2, type Points } from '../../scoring/points';
import { METRICS, TRACKS, type Track } from '../../scoring/rules/types';
import { METRIC_LABEL, plural, pts, TRACK_LABEL } from '../../cards/format';

/** The terminal report of `npm run score` without --json: both paths side by side, gaps, plan, at-risk. */

const BAR = 20;
const LABEL_WIDTH = 29;
const COLUMN = 34;

type Colors = ReturnType<typeof pc.createColors>;

function fmt(p: Points | number): string {
  return pts(typeof p === 'number' ? p : round2(p));
}

/** Visible width of a string with ANSI colour codes. */
function width(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}

function bar(c: Colors, value: Points, max: number, met: boolean): string {
  const filled = Math.round((value.valueOf() / max) * BAR);
  const color = !met ? c.red : value.compare(max) >= 0 ? c.green : c.yellow;
  return color('█'.repeat(filled)) + c.dim('░'.repeat(BAR - filled));
}

function levelText(report: ScoreReport, track: Track, level: Level): string {
  return level.actions.map((a) => describeAction(a, track, report.rules)).join('; ');
}

export function renderReport(report: ScoreReport, options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const { data, paths, rules } = report;
  const minMetric = rules.qualification.minPointsPerMetric;
  const lines: string[] = [];
  lines.push(c.bold(`${data.partner.name} (${data.partner.partnerId}) — Solutions Partner for Security`));
  lines.push(
    c.dim(`Data as of ${data.asOf} · last month ${monthLabel(report.lastMonth)} · rule set ${rules.version}`),
  );
  lines.push('');

  const header = TRACKS.map((t) => {
    const star = report.headline === t ? c.cyan(' ★ headline') : '';
    return pad(c.bold(TRACK_LABEL[t]) + star, COLUMN);
  });
  lines.push(pad('', LABEL_WIDTH) + header.join(''));
  for (const metric of METRICS) {
    const cells = TRACKS.map((t) => {
      const m = paths[t].metrics[metric];
      const met = m.points.compare(minMetric) >= 0;
      const score = `${fmt(m.points)}/${m.max}`;
      return pad(`${bar(c, m.points, m.max, met)} ${met ? score : c.red(`${score} ✗`)}`, COLUMN);
    });
    lines.push(pad(METRIC_LABEL[metric], LABEL_WIDTH) + cells.join(''));
  }
  const totals = TRACKS.map((t) => {
    const p = paths[t];
    const verdict = p.qualified ? c.green('✓ qualified') : c.red('✗ not qualified');
    return pad(`${c.bold(fmt(p.total))}  ${verdict}`, COLUMN);
  });
  lines.push(pad(c.bold('Total'), LABEL_WIDTH) + totals.join(''));
  lines.push(
    c.dim(
      `A path qualifies with ≥ ${rules.qualification.minTotal} points and ≥ ${minMetric} point in every metric.`,
    ),
  );

  for (const track of TRACKS) {
    lines.push('');
    lines.push(c.bold(`${TRACK_LABEL[track]} path — what is missing`));
    for (const gap of report.gaps[track]) {
      const label = `${METRIC_LABEL[gap.metric]} ${fmt(gap.points)}/${gap.max}`;
      if (!gap.nextPoint) {
        lines.push(`  ${c.green('✓')} ${label}: at the maximum`);
        continue;
      }
      lines.push(`  ${gap.met ? c.yellow('•') : c.red('✗')} ${label}`);
      lines.push(`      next: ${levelText(report, track, gap.nextPoint)} → ${fmt(gap.nextPoint.points)}`);
      if (gap.toMax && gap.toMax !== gap.nextPoint) {
        lines.push(
          `      max (${plural(gap.toMax.additions, 'addition')}): ${levelText(report, track, gap.toMax)}`,
        );
      }
    }
    const plan = report.plans[track];
    if (plan.alreadyQualified) {
      lines.push(`  ${c.green('Qualifies today.')}`);
    } else {
      lines.push(
        c.bold(
          `  Plan to qualify: ${plural(plan.additions, 'addition')} → ${fmt(plan.projected.total)} points`,
        ),
      );
      plan.steps.forEach((step, i) => {
        lines.push(
          `    ${i + 1}. ${METRIC_LABEL[step.metric]} ${fmt(step.from)} → ${fmt(step.to)}: ${levelText(report, track, step.level)}`,
        );
      });
    }
  }

  const risk = report.atRisk;
  lines.push('');
  lines.push(c.bold('At risk'));
  if (risk.certifications.length === 0)
    lines.push(
      `  No certification stops counting in the next ${rules.atRisk.certificationHorizonDays} days.`,
    );
  for (const cert of risk.certifications) {
    lines.push(
      `  ${c.yellow('!')} ${cert.personName}'s ${cert.exam} (step ${cert.step}) stops counting on ${cert.endsOn} (${cert.endsBy}, ${cert.daysLeft} days)`,
    );
  }
  if (risk.certifications.length > 0) {
    const without = TRACKS.map(
      (t) =>
        `${TRACK_LABEL[t]} ${fmt(risk.withoutExpiring[t].total)}${risk.withoutExpiring[t].qualified ? '' : ' (not qualified)'}`,
    );
    lines.push(`    without them: ${without.join(', ')}`);
  }
  const next = risk.nextMonth;
  const nextLine = TRACKS.map((t) => {
    const now = paths[t].total;
    const then = next.paths[t].total;
    const delta = round2(then.sub(now));
    const change = delta === 0 ? 'no change' : delta > 0 ? `+${fmt(delta)}` : c.red(fmt(delta));
    return `${TRACK_LABEL[t]} ${fmt(then)} (${change})${next.paths[t].qualified ? '' : ' not qualified'}`;
  });
  lines.push(
    `  Next month (as of ${next.asOf}) if usage stays as in ${monthLabel(next.from)}: ${nextLine.join(', ')}`,
  );
  for (const t of TRACKS) {
    const falls = METRICS.filter(
      (m) => next.paths[t].metrics[m].points.compare(paths[t].metrics[m].points) < 0,
    ).map(
      (m) =>
        `${METRIC_LABEL[m].toLowerCase()} ${fmt(paths[t].metrics[m].points)} → ${fmt(next.paths[t].metrics[m].points)}`,
    );
    if (falls.length > 0) lines.push(`    ${TRACK_LABEL[t]}: ${falls.join(', ')}`);
  }
  const leaving = customersLeaving(report);
  if (leaving.length > 0) {
    lines.push(`  Customers leaving a trailing 12-month window next month: ${leaving.length}`);
    for (const customer of leaving.slice(0, 10))
      lines.push(`    ${customer.name} (${customer.tenantId}): ${customer.dropsNextMonth.join(', ')}`);
    if (leaving.length > 10) lines.push(`    … and ${leaving.length - 10} more`);
  }
  return lines.join('\n');
}
