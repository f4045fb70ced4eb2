import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scorePartner, toScoreResult, validateDataset, type PartnerDataset } from '../../scoring';
import { scoreAlerts } from '../../scoring/alerts';
import { snapshotHead, type SnapshotHead } from '../../scoring/snapshot';

/** Score alerts between two data versions of the demo partner Contoso (SMB qualifies at 82). */

const contoso = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../bot/demo/contoso-security.json'), 'utf8'),
) as PartnerDataset;

function head(changes: Partial<PartnerDataset> = {}): SnapshotHead {
  const validation = validateDataset({ ...contoso, ...changes });
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  return snapshotHead(toScoreResult(scorePartner(validation.dataset)), 1);
}

describe('score alerts between data versions', () => {
  const before = head();

  test('the first version of a partner has nothing to compare with: no alert', () => {
    expect(scoreAlerts(undefined, before)).toEqual([]);
  });

  test('the same data again: no alert', () => {
    expect(scoreAlerts(before, head())).toEqual([]);
  });

  test('the headline path stops qualifying and a metric falls to 0 (every certification gone)', () => {
    const after = head({ certifications: [] });
    const alerts = scoreAlerts(before, after);
    expect(alerts).toContainEqual({
      kind: 'stoppedQualifying',
      path: 'smb',
      previousTotal: before.paths.smb.total,
      total: after.paths.smb.total,
    });
    expect(alerts).toContainEqual(
      expect.objectContaining({ kind: 'metricAtZero', path: 'smb', metric: 'intermediateCertifications' }),
    );
    // Every metric alert names a metric that had points before and has none now.
    for (const a of alerts) {
      if (a.kind !== 'metricAtZero') continue;
      expect(before.paths[a.path].metrics[a.metric].points).toBeGreaterThan(0);
      expect(after.paths[a.path].metrics[a.metric].points).toBe(0);
    }
  });

  test('and back: the path starts qualifying again', () => {
    const worse = head({ certifications: [] });
    expect(scoreAlerts(worse, before)).toEqual([
      {
        kind: 'startedQualifying',
        path: 'smb',
        previousTotal: worse.paths.smb.total,
        total: before.paths.smb.total,
      },
    ]);
  });
});
