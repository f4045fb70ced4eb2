import fc from 'fast-check';
import { toScoreResult, type PartnerDataset } from '../../scoring';
import { METRICS, TRACKS } from '../../scoring/rules/types';
import { datasetArbitrary } from './arbitraries';
import { dataset, report, steadyStateData } from './builders';

const base: PartnerDataset = dataset();

describe('at risk (rules §5)', () => {
  test('certifications ending within 90 days are listed with the day they stop counting, and the score without them', () => {
    const data: PartnerDataset = {
      ...base,
      certifications: [
        { personId: 'a', personName: 'Ana', exam: 'SC-500', earned: '2025-12-10' }, // ends 2026-12-10: 18 days
        { personId: 'a', personName: 'Ana', exam: 'SC-200', earned: '2026-06-01' },
        { personId: 'b', personName: 'Ben', exam: 'AZ-500', earned: '2026-08-31', expires: '2027-02-20' }, // day 90
        { personId: 'b', personName: 'Ben', exam: 'SC-100', earned: '2026-03-01', expires: '2027-02-21' }, // day 91
        { personId: 'c', personName: 'Cy', exam: 'SC-401', earned: '2026-03-01' },
      ],
    };
    const r = toScoreResult(report(data));
    expect(r.atRisk.certifications).toEqual([
      {
        personId: 'a',
        personName: 'Ana',
        exam: 'SC-500',
        step: 1,
        endsOn: '2026-12-10',
        endsBy: 'expiry',
        daysLeft: 18,
      },
      {
        personId: 'b',
        personName: 'Ben',
        exam: 'AZ-500',
        step: 1,
        endsOn: '2027-02-20',
        endsBy: 'expiry',
        daysLeft: 90,
      },
    ]);
    // SMB today: step 1 (4) + step 2 (4) + 2 step-3 people (16) = 24; without the step-1 certifications: 4.
    expect(r.paths.smb.metrics.intermediateCertifications.points).toBe(24);
    expect(r.atRisk.withoutExpiring.smb).toEqual({ skilling: 4, total: 4, qualified: false });
  });

  test('a retiring certification ends at retirement + 1 year (AZ-500: 2027-08-31)', () => {
    const data: PartnerDataset = {
      ...base,
      asOf: '2027-07-01',
      certifications: [
        { personId: 'a', personName: 'Ana', exam: 'AZ-500', earned: '2026-08-31', expires: '2028-08-31' },
      ],
    };
    const r = toScoreResult(report(data));
    expect(r.atRisk.certifications).toEqual([
      {
        personId: 'a',
        personName: 'Ana',
        exam: 'AZ-500',
        step: 1,
        endsOn: '2027-08-31',
        endsBy: 'retirement',
        daysLeft: 61,
      },
    ]);
  });

  test('customers whose only qualifying month is L−11 leave the window next month', () => {
    const data: PartnerDataset = {
      ...base,
      azureConsumption: [
        {
          customerTenantId: 'old',
          customerName: 'Oldco',
          month: '2025-11',
          service: 'Key Vault',
          offer: 'Azure Plan',
          association: 'PAL',
          acrUsd: 800,
        },
        {
          customerTenantId: 'new',
          customerName: 'Newco',
          month: '2025-12',
          service: 'Key Vault',
          offer: 'Azure Plan',
          association: 'PAL',
          acrUsd: 800,
        },
      ],
    };
    const r = toScoreResult(report(data));
    expect(r.atRisk.customersLeavingNextMonth).toEqual([
      {
        tenantId: 'old',
        name: 'Oldco',
        drops: [
          'enterprise.netCustomerAdds.azure',
          'smb.netCustomerAdds.azure',
          'smb.deployments.azure',
          'smb.usageGrowth.azure',
        ],
      },
    ]);
    expect(r.paths.smb.metrics.netCustomerAdds.points).toBe(8);
    // Next month Oldco moves into the previous window: 1 − 1 = 0 net adds.
    expect(r.atRisk.nextMonth.paths.smb.metrics.netCustomerAdds.points).toBe(0);
    expect(r.atRisk.nextMonth.lastMonth).toBe('2026-11');
  });

  test('next month if nothing new happens equals scoring, one month later, the data with its last complete month carried forward (issue 13)', () => {
    fc.assert(
      fc.property(datasetArbitrary, (data) => {
        const projected = report(data).atRisk.nextMonth;
        const moved = report(steadyStateData(data, 1));
        expect(projected.headline).toBe(moved.headline);
        for (const track of TRACKS) {
          for (const m of METRICS) {
            expect(
              projected.paths[track].metrics[m].points.equals(moved.paths[track].metrics[m].points),
            ).toBe(true);
          }
          expect(projected.paths[track].qualified).toBe(moved.paths[track].qualified);
        }
      }),
      { numRuns: 100 },
    );
  });
});
