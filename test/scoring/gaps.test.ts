import { azure, cert, m365, score as result } from './builders';

const gap = (r: ReturnType<typeof result>, track: 'enterprise' | 'smb', metric: string) =>
  r.paths[track].gaps.find((g) => g.metric === metric)!;

describe('gaps: the smallest addition for the next point and for the max (rules §5)', () => {
  test('Enterprise skilling: one more SC-200 holder unlocks step 3 for the two SC-300 holders (+13.33)', () => {
    const r = result({
      certifications: [
        { personId: 'a', personName: 'Ana', exam: 'AZ-500', earned: '2026-05-01' },
        { personId: 'a', personName: 'Ana', exam: 'SC-300', earned: '2026-05-01' },
        { personId: 'b', personName: 'Ben', exam: 'AZ-500', earned: '2026-05-01' },
        { personId: 'b', personName: 'Ben', exam: 'SC-300', earned: '2026-05-01' },
        { personId: 'c', personName: 'Cy', exam: 'SC-200', earned: '2026-05-01' },
      ],
    });
    const g = gap(r, 'enterprise', 'intermediateCertifications');
    expect(g.points).toBe(0);
    expect(g.nextPoint).toMatchObject({ points: 13.33, additions: 1 });
    expect(g.nextPoint!.actions).toEqual([
      expect.objectContaining({
        kind: 'exam',
        step: 2,
        exams: ['SC-200'],
        personId: 'a',
        text: 'Ana passes SC-200 (step 2)',
      }),
    ]);
    // Max: 6 earning people. Ana and Ben already hold step 1 + step 3; a new person passes SC-200 (completing
    // step 2) and a step-3 exam; Cy (SC-200) passes a step-3 exam; two more new people need two exams each.
    expect(g.toMax).toMatchObject({ points: 40, additions: 7 });
  });

  test('Enterprise usage growth: the exact dollars to the next full $1,250 and to the max', () => {
    const r = result({ azure: [azure('big', '2026-10', 14_000)] });
    const g = gap(r, 'enterprise', 'usageGrowth');
    expect(g.points).toBe(11); // $14,000 growth: 11 full $1,250
    expect(g.nextPoint!.actions).toEqual([
      expect.objectContaining({
        kind: 'azureGrowth',
        usd: 1000,
        units: 1,
        text: expect.stringMatching(/^\$1,000 more Security ACR growth/),
      }),
    ]);
    expect(g.toMax).toMatchObject({ points: 20, additions: 9 });
    expect(g.toMax!.actions).toEqual([
      expect.objectContaining({ kind: 'azureGrowth', usd: 11_000, units: 9 }),
    ]);
  });

  test('I-2: with Azure net adds at −2, the next customer is a Microsoft 365 one', () => {
    const r = result({
      azure: [azure('x', '2025-06', 700), azure('y', '2025-06', 700)],
      m365: [m365('m', '2026-10', 400, 10)],
    });
    expect(r.paths.enterprise.metrics.netCustomerAdds).toMatchObject({
      points: 2,
      azure: { net: -2, counted: 0 },
      m365: { net: 1 },
    });
    const g = gap(r, 'enterprise', 'netCustomerAdds');
    expect(g.nextPoint!.actions).toEqual([
      expect.objectContaining({ kind: 'netCustomer', side: 'm365', count: 1 }),
    ]);
    expect(g.toMax).toMatchObject({ points: 20, additions: 9 });
  });

  test('a metric at its max has no gap; the plan of a qualified path is empty', () => {
    const r = result({});
    expect(r.paths.smb.qualified).toBe(false);
    const plan = r.paths.smb.plan;
    expect(plan.alreadyQualified).toBe(false);
    expect(plan.projected.total).toBeGreaterThanOrEqual(70);
    // Every metric is at 0, so every metric is in the plan, each reaching at least 1 point.
    expect(plan.steps.map((s) => s.metric).sort()).toEqual([
      'deployments',
      'intermediateCertifications',
      'netCustomerAdds',
      'usageGrowth',
    ]);
    for (const step of plan.steps) expect(step.to).toBeGreaterThanOrEqual(1);
  });

  test('the plan fixes metrics at 0 first and uses the fewest additions', () => {
    // SMB: five $3,000 customers give 20 net adds, 16.67 deployments (5 × 20/6) and 20 usage growth ($15,000).
    const customers = ['a', 'b', 'c', 'd', 'e'].map((t) => azure(t, '2026-10', 3_000));
    const r = result({ azure: customers });
    const smb = r.paths.smb;
    expect([
      smb.metrics.netCustomerAdds.points,
      smb.metrics.deployments.points,
      smb.metrics.usageGrowth.points,
    ]).toEqual([20, 16.67, 20]);
    expect(smb.metrics.intermediateCertifications.points).toBe(0);
    // 56.67 today: steps 1 and 2 (4 + 4) and one step-3 person (8) give 72.67 in 3 exams; 2 additions reach 64.67 at best.
    expect(smb.plan).toMatchObject({ alreadyQualified: false, additions: 3, projected: { total: 72.67 } });
    expect(smb.plan.steps.map((s) => [s.metric, s.from, s.to])).toEqual([
      ['intermediateCertifications', 0, 16],
    ]);
    expect(smb.plan.steps[0]!.actions.map((a) => a.text)).toEqual([
      'New person 1 passes SC-500 (step 1)',
      'New person 1 passes SC-200 (step 2)',
      'New person 1 passes SC-100 or SC-300 or SC-401 (step 3)',
    ]);
  });

  test('large teams: twenty SC-100 holders without step 1 or 2 need six exams for the Enterprise max', () => {
    const people = Array.from({ length: 20 }, (_, i) => cert(`p${i}`, 'SC-100', '2026-05-01'));
    const g = gap(result({ certifications: people }), 'enterprise', 'intermediateCertifications');
    expect(g.nextPoint).toMatchObject({ points: 26.67, additions: 4 }); // two take step 1, two take step 2
    expect(g.toMax).toMatchObject({ points: 40, additions: 6 });
    expect(new Set(g.toMax!.actions.map((a) => a.personId)).size).toBe(6);
  });
});
