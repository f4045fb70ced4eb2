import { previousPoint, scoreHistory, type HistoryPoint, type VersionSummary } from '../../scoring/history';

/** Issue 7: one point per data month from the stored versions' summaries. */

const summary = (smb: number): VersionSummary['summary'] => ({
  headline: 'smb',
  totals: { enterprise: 10, smb },
  qualified: { enterprise: false, smb: smb >= 70 },
});
const version = (asOf: string, importedAt: string, smb: number, over: Partial<VersionSummary> = {}) =>
  ({ asOf, importedAt, status: 'complete', summary: summary(smb), ...over }) as VersionSummary;
const latest: HistoryPoint = {
  month: '2026-11',
  asOf: '2026-11-22',
  headline: 'smb',
  totals: { enterprise: 12, smb: 82 },
  qualified: { enterprise: false, smb: true },
};

describe('score history', () => {
  test('the latest complete import of each earlier month, oldest first, this version last', () => {
    const history = scoreHistory(
      [
        version('2026-10-28', '2026-10-28T09:00:00Z', 77), // later import of October: wins
        version('2026-10-20', '2026-10-20T09:00:00Z', 75),
        version('2026-10-25', '2026-10-29T09:00:00Z', 99, { status: 'writing' }), // a dead import
        version('2026-09-21', '2026-09-21T09:00:00Z', 71),
        version('2026-08-20', '2026-08-20T09:00:00Z', 0, { summary: undefined }), // before summaries existed
        version('2026-11-02', '2026-11-02T09:00:00Z', 60), // the same month as this version: replaced
        version('2026-12-20', '2026-12-20T09:00:00Z', 50), // a later month: not in this version's history
      ],
      latest,
    );
    expect(history.map((p) => [p.month, p.asOf, p.totals.smb])).toEqual([
      ['2026-09', '2026-09-21', 71],
      ['2026-10', '2026-10-28', 77],
      ['2026-11', '2026-11-22', 82],
    ]);
    expect(previousPoint(history, latest.asOf)?.month).toBe('2026-10');
  });

  test('the last 12 months at most; the first month has no previous one', () => {
    const versions = Array.from({ length: 20 }, (_, i) => {
      const m = 2025 * 12 + 2 + i; // 2025-03 … 2026-10
      const asOf = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-20`;
      return version(asOf, `${asOf}T09:00:00Z`, 50 + i);
    });
    const history = scoreHistory(versions, latest);
    expect(history).toHaveLength(12);
    expect(history[0]!.month).toBe('2025-12');
    expect(history.at(-1)).toEqual(latest);
    expect(scoreHistory(versions, latest, 1)).toEqual([latest]);
    expect(previousPoint([latest], latest.asOf)).toBeUndefined();
    expect(previousPoint(undefined, latest.asOf)).toBeUndefined();
  });
});
