import { toScoreResult, validateDataset } from '../../scoring';
import { monthIndex } from '../../scoring/calendar';
import { forecast } from '../../scoring/forecast';
import { lastCompleteMonth } from '../../scoring/projection';
import { azureEach, cert, certs, dataset, report, steadyPartner } from './builders';

/**
 * Issue 13: the forecast and at risk project from the last complete month, carried forward, and
 * never read a month whose data has not arrived as zero (the score itself still does, rules §1).
 */

describe('projections from the last complete month (issue 13)', () => {
  test('a steadily qualified partner is projected as qualified every month, and at risk shows no drop', () => {
    const r = report(steadyPartner());
    const today = toScoreResult(r);
    // SMB: 6 net customers (20), steps 1 and 2 and 2 step-3 holders (24), 6 deployments (20), growth (20).
    expect(today.paths.smb).toMatchObject({ total: 84, qualified: true });
    const projected = forecast(r);
    expect(projected.projectedFrom).toBe('2026-10');
    expect(projected.months.map((m) => [m.asOf, m.paths.smb.total, m.paths.smb.qualified])).toEqual([
      ['2026-12-22', 84, true],
      ['2027-01-22', 84, true],
      ['2027-02-22', 84, true],
    ]);
    expect(projected.months.every((m) => m.drop === undefined)).toBe(true);
    expect(today.atRisk.nextMonth).toMatchObject({ asOf: '2026-12-22', projectedFrom: '2026-10' });
    expect(today.atRisk.nextMonth.paths.smb).toMatchObject({ total: 84, qualified: true });
    expect(today.atRisk.certifications).toEqual([]);
    expect(today.atRisk.customersLeavingNextMonth).toEqual([]);
  });

  test('a certification that expires next month is still a drop: at risk and the forecast show it', () => {
    // Ana's only step-1 certification expires on 2026-12-10: steps 1 and 2 are no longer both complete.
    const data = steadyPartner('2026-11-22', [
      cert('a', 'SC-500', '2025-12-10'),
      ...certs('a', ['SC-200', 'SC-100'], '2026-06-01'),
    ]);
    const r = report(data);
    const today = toScoreResult(r);
    expect(today.paths.smb).toMatchObject({ total: 84, qualified: true });
    expect(today.atRisk.certifications.map((c) => [c.exam, c.endsOn])).toEqual([['SC-500', '2026-12-10']]);
    expect(today.atRisk.nextMonth.paths.smb).toMatchObject({ total: 64, qualified: false });
    const first = forecast(r).months[0]!;
    expect(first.paths.smb).toMatchObject({ total: 64, qualified: false });
    expect(first.paths.smb.metrics.intermediateCertifications).toBe(4);
    expect(first.drop).toMatchObject({ belowThreshold: true, metricsAtZero: [] });
  });

  test('data pulled before the 20th (no rows for L yet): the score reads L as zero, the projections carry L−1', () => {
    // Pulled on 2026-12-06: L is November, whose usage arrives by the 20th; October is complete.
    const r = report(steadyPartner('2026-12-06'));
    const today = toScoreResult(r);
    // Rules §1 for the score: November counts as zero, and its single-month readings with it.
    expect(today.paths.smb.metrics.deployments.points).toBe(10);
    expect(today.paths.smb.qualified).toBe(false);
    // The projections: October carried into November, December, January.
    const projected = forecast(r);
    expect(projected.projectedFrom).toBe('2026-10');
    expect(
      projected.months.map((m) => [m.lastMonth, m.paths.smb.metrics.deployments, m.paths.smb.qualified]),
    ).toEqual([
      ['2026-12', 20, true],
      ['2027-01', 20, true],
      ['2027-02', 20, true],
    ]);
    expect(today.atRisk.nextMonth).toMatchObject({ projectedFrom: '2026-10' });
    expect(today.atRisk.nextMonth.paths.smb).toMatchObject({ total: 84, qualified: true });
  });

  test('the last complete month: L with rows, else L−1 with rows, else L (a longer gap is no lag)', () => {
    const at = (asOf: string, rows: string[]): string => {
      const validation = validateDataset(
        dataset({ asOf, azure: rows.flatMap((m) => azureEach('t', [m], 100)) }),
      );
      if (!validation.ok) throw new Error('invalid');
      const L = monthIndex(asOf.slice(0, 7)) - 1;
      const month = lastCompleteMonth(validation.dataset, L);
      return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    };
    expect(at('2026-11-22', ['2026-09', '2026-10'])).toBe('2026-10');
    expect(at('2026-11-22', ['2026-08', '2026-09'])).toBe('2026-09');
    expect(at('2026-11-22', ['2026-08'])).toBe('2026-10');
    expect(at('2026-11-22', [])).toBe('2026-10');
    // A row of asOf's own month (incomplete) is no complete month.
    expect(at('2026-11-22', ['2026-09', '2026-11'])).toBe('2026-09');
  });
});
