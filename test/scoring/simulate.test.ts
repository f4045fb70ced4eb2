/**
 * The what-if simulator against re-scoring (issue 7): for random datasets and random additions,
 * `simulate(base, additions)` — from the statistics stored in the snapshot head, without the rows —
 * equals scoring the data with the additions applied (`applyActions`), on each path: the total,
 * every metric's points (exact fractions) and the qualification.
 */
import fc from 'fast-check';
import type { PartnerDataset } from '../../scoring';
import { toScoreResult } from '../../scoring';
import { lastMonthOf, monthLabel } from '../../scoring/calendar';
import { snapshotHead } from '../../scoring/snapshot';
import {
  simulate,
  simulationActions,
  simulationBase,
  SimulationError,
  type Additions,
  type SimulationBase,
} from '../../scoring/simulate';
import { METRICS, TRACKS, type Track } from '../../scoring/rules/types';
import { applyActions } from '../../scoring/whatIf';
import { syntheticPartner } from '../fixtures/synthetic';
import { datasetArbitrary } from './arbitraries';
import {
  ago,
  azure,
  azureEach,
  cert,
  dataset,
  m365,
  months,
  pulledOn,
  report,
  type DatasetParts,
} from './builders';

/** The base as the bot gets it: the snapshot head, stored as JSON and read back. */
function baseOf(data: PartnerDataset): SimulationBase {
  const head = snapshotHead(toScoreResult(report(data)), 1);
  return simulationBase(JSON.parse(JSON.stringify(head)) as typeof head);
}

type Exact = { total: string; qualified: boolean; metrics: Record<string, string> };

function rescored(data: PartnerDataset, base: SimulationBase, additions: Additions, track: Track): Exact {
  const changed = applyActions(data, simulationActions(base, additions, track), track, base.rules);
  const path = report(changed).paths[track];
  return {
    total: path.total.toFraction(),
    qualified: path.qualified,
    metrics: Object.fromEntries(METRICS.map((m) => [m, path.metrics[m].points.toFraction()])),
  };
}

function simulated(base: SimulationBase, additions: Additions, track: Track): Exact {
  const path = simulate(base, additions).simulated.paths[track];
  return {
    total: path.total.toFraction(),
    qualified: path.qualified,
    metrics: Object.fromEntries(METRICS.map((m) => [m, path.metrics[m].toFraction()])),
  };
}

// ---- arbitraries ----------------------------------------------------------------------------------

/** asOf around AZ-500's retirement (2026-08-31: the last day it can be passed) and the default. */
const AS_OF = fc.constantFrom('2026-11-22', '2026-08-31', '2026-09-01', '2026-08-15', '2027-01-05');

/**
 * Extra rows in L for customers the growth additions can use (Enterprise > $12,000, SMB $750 …
 * $12,000, Microsoft 365 deployments of both sizes), or none: both the existing-customer and the
 * new-customer shapes of growth are exercised.
 */
const growthRows = fc.record({
  enterpriseAcr: fc.option(fc.constantFrom(12000.01, 13000, 40000), { nil: undefined }),
  smbAcr: fc.option(fc.constantFrom(750, 5000, 11999.99, 12000), { nil: undefined }),
  m365Paid: fc.option(fc.constantFrom(5, 40, 300, 301, 900), { nil: undefined }),
  /** A customer with protected users but under 15% active (no deployment), listed first. */
  idlePaid: fc.option(fc.constantFrom(40, 301, 900), { nil: undefined }),
});

const datasetWithGrowthRows = fc
  .tuple(datasetArbitrary, AS_OF, growthRows)
  .map(([data, asOf, extra]): PartnerDataset => {
    const L = monthLabel(lastMonthOf(asOf));
    const azureRows = [
      ...(extra.enterpriseAcr !== undefined ? [azure('g-ent', L, extra.enterpriseAcr)] : []),
      ...(extra.smbAcr !== undefined ? [azure('g-smb', L, extra.smbAcr)] : []),
    ];
    const m365Rows = [
      ...(extra.idlePaid !== undefined
        ? [m365('g-idle', L, extra.idlePaid, Math.floor(extra.idlePaid * 0.1))]
        : []),
      ...(extra.m365Paid !== undefined
        ? [m365('g-m365', L, extra.m365Paid, Math.ceil(extra.m365Paid * 0.2))]
        : []),
    ];
    const pulled = pulledOn(data, asOf);
    return {
      ...pulled,
      azureConsumption: [...azureRows, ...pulled.azureConsumption],
      m365Licenses: [...m365Rows, ...pulled.m365Licenses],
    };
  });

const count = (max: number) => fc.option(fc.nat(max), { nil: undefined });

const additionsArbitrary: fc.Arbitrary<Additions> = fc.record(
  {
    azureCustomers: count(14),
    m365Customers: count(14),
    azureDeployments: count(8),
    m365Deployments: count(8),
    securityAcrCents: fc.option(
      fc.oneof(
        fc.constantFrom(1, 74_999, 75_000, 124_999, 125_000, 1_125_001, 1_200_000, 1_200_001, 6_000_000),
        fc.nat(3_000_000),
      ),
      { nil: undefined },
    ),
    protectedUsers: fc.option(
      fc.oneof(fc.constantFrom(1, 4, 5, 45, 46, 49, 50, 124, 125, 300, 301, 2_500), fc.nat(6_000)),
      { nil: undefined },
    ),
    newPeople: fc.option(fc.record({ 1: fc.nat(3), 2: fc.nat(3), 3: fc.nat(4) }, { requiredKeys: [] }), {
      nil: undefined,
    }),
    exams: fc.option(
      fc.array(
        fc.record({
          // p-1 … p-7 are in the data (when certified at all); p-9 never is.
          personId: fc.constantFrom('p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6', 'p-7', 'p-9'),
          exam: fc.constantFrom(
            'AZ-500',
            'SC-500',
            'SC-200',
            'SC-100',
            'SC-300',
            'SC-400',
            'SC-401',
            ' sc-200 ',
            'Cybersecurity Architect Expert',
          ),
        }),
        { maxLength: 5 },
      ),
      { nil: undefined },
    ),
  },
  { requiredKeys: [] },
);

// ---- the property ---------------------------------------------------------------------------------

describe('simulate equals re-scoring the changed data', () => {
  test('both paths: total, every metric (exact fractions) and qualification; today equals the stored score', () => {
    // Edge cases the runs must reach, counted so that a weakened generator cannot pass silently.
    const seen = {
      growthIntoExisting: 0,
      growthAsNewCustomers: 0,
      usersIntoExisting: 0,
      usersAsNewCustomers: 0,
      capReached: 0,
      metricAtZero: 0,
      negativeNetFloored: 0,
      examNotCounting: 0,
      qualificationChanged: 0,
      unknownPersonPasses: 0,
    };
    fc.assert(
      fc.property(datasetWithGrowthRows, additionsArbitrary, (data, additions) => {
        const r = report(data);
        const base = baseOf(data);
        const sim = simulate(base, additions);
        for (const track of TRACKS) {
          // Today, from the statistics alone, is the stored score.
          expect(sim.today.paths[track].total.toFraction()).toBe(r.paths[track].total.toFraction());
          expect(sim.today.paths[track].qualified).toBe(r.paths[track].qualified);
          expect(simulated(base, additions, track)).toEqual(rescored(data, base, additions, track));

          const actions = simulationActions(base, additions, track);
          const kinds = new Set(actions.map((a) => a.kind));
          if (kinds.has('azureGrowthOf')) seen.growthIntoExisting += 1;
          if (kinds.has('azureGrowth')) seen.growthAsNewCustomers += 1;
          if (kinds.has('protectedUsersOf')) seen.usersIntoExisting += 1;
          if (kinds.has('protectedUsersGrowth')) seen.usersAsNewCustomers += 1;
          const path = sim.simulated.paths[track];
          if (METRICS.some((m) => path.metrics[m].compare(r.paths[track].metrics[m].max) === 0))
            seen.capReached += 1;
          if (METRICS.some((m) => path.metrics[m].compare(0) === 0)) seen.metricAtZero += 1;
          const m = r.paths[track].metrics;
          if ([m.netCustomerAdds, m.deployments].some((x) => x.azure.net < 0 || x.m365.net < 0))
            seen.negativeNetFloored += 1;
          if (path.qualified !== sim.today.paths[track].qualified) seen.qualificationChanged += 1;
        }
        if (sim.exams.some((e) => e.state !== 'valid')) seen.examNotCounting += 1;
        if (sim.exams.some((e) => !e.known)) seen.unknownPersonPasses += 1;
      }),
      { numRuns: 400 },
    );
    for (const [edge, times] of Object.entries(seen)) expect([edge, times > 0]).toEqual([edge, true]);
  });

  test('a realistic partner (synthetic, 400 customers, 40 people): random additions', () => {
    const data = syntheticPartner({ scale: 0.02, seed: 11, asOf: '2026-11-22' });
    const base = baseOf(data);
    // Both kinds of growth land on existing customers here.
    for (const track of TRACKS) {
      expect(base.stats.paths[track].growthInto.azure.length).toBeGreaterThan(0);
      expect(base.stats.paths[track].growthInto.m365).toBeDefined();
    }
    const people = base.people.map((p) => p.personId);
    const additions = fc.record(
      {
        azureCustomers: count(6),
        m365Deployments: count(4),
        securityAcrCents: count(9_000_000),
        protectedUsers: count(3_000),
        newPeople: fc.record({ 2: fc.nat(2), 3: fc.nat(2) }),
        exams: fc.array(
          fc.record({
            personId: fc.constantFrom(...people),
            exam: fc.constantFrom('SC-100', 'SC-200', 'SC-500'),
          }),
          { maxLength: 3 },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(additions, (a) => {
        for (const track of TRACKS) expect(simulated(base, a, track)).toEqual(rescored(data, base, a, track));
      }),
      { numRuns: 15 },
    );
  });
});

// ---- spelled-out cases ----------------------------------------------------------------------------

const L = ago(0);

function simOf(parts: DatasetParts, additions: Additions) {
  const data = dataset(parts);
  const base = baseOf(data);
  return { base, sim: simulate(base, additions), data };
}

describe('what each addition is in data', () => {
  test('Security ACR growth goes to an existing Enterprise customer: exactly +1 point per $1,250, nothing else moves', () => {
    // One tenant above $12,000 in L, nothing a year before: Enterprise growth $13,000 → 10 points.
    const { sim, base } = simOf({ azure: [azure('big', L, 13_000)] }, { securityAcrCents: 250_000 });
    expect(base.stats.paths.enterprise.growthInto.azure).toEqual([{ tenantId: 'big', name: 'big' }]);
    const today = sim.today.paths.enterprise.metrics;
    const after = sim.simulated.paths.enterprise.metrics;
    expect(today.usageGrowth.toFraction()).toBe('10');
    expect(after.usageGrowth.toFraction()).toBe('12'); // $15,500 → 12 full $1,250
    expect(after.netCustomerAdds.toFraction()).toBe(today.netCustomerAdds.toFraction());
    expect(after.deployments.toFraction()).toBe(today.deployments.toFraction());
    expect(sim.shapes.enterprise).toEqual(['$2,500 more Security ACR in 2026-10 from big']);
  });

  test('without an Enterprise customer to grow, growth is a new customer of at least $12,000.01 (also a customer and a deployment)', () => {
    const { sim } = simOf({}, { securityAcrCents: 250_000 });
    const after = sim.simulated.paths.enterprise.metrics;
    expect(after.usageGrowth.toFraction()).toBe('9'); // $12,000.01 → 9 full $1,250
    expect(after.netCustomerAdds.toFraction()).toBe('2');
    expect(after.deployments.toFraction()).toBe('10/3');
    expect(sim.shapes.enterprise[0]).toMatch(/^\$12,000\.01 Security ACR from a new customer/);
  });

  test('SMB growth fills existing customers up to $12,000 each, the rest goes to new customers', () => {
    // $11,000 now: room for $1,000. $2,500 growth → $1,000 there, $1,500 to a new customer.
    const { sim } = simOf({ azure: [azure('smb-1', L, 11_000)] }, { securityAcrCents: 250_000 });
    expect(sim.shapes.smb).toEqual([
      '$1,000 more Security ACR in 2026-10 from smb-1',
      '$1,500 Security ACR from new customers of up to $12,000 each (they count as customers and deployments too)',
    ]);
    const after = sim.simulated.paths.smb.metrics;
    expect(after.usageGrowth.toFraction()).toBe('18'); // $13,500 / $750
    expect(after.netCustomerAdds.toFraction()).toBe('8'); // smb-1 and the new one, 4 each
  });

  test('an Azure customer is $600 in L: on SMB it is Security ACR too', () => {
    const { sim } = simOf({}, { azureCustomers: 2 });
    expect(sim.simulated.paths.enterprise.metrics.netCustomerAdds.toFraction()).toBe('4');
    expect(sim.simulated.paths.enterprise.metrics.usageGrowth.toFraction()).toBe('0');
    expect(sim.simulated.paths.smb.metrics.netCustomerAdds.toFraction()).toBe('8');
    expect(sim.simulated.paths.smb.metrics.usageGrowth.toFraction()).toBe('1'); // $1,200 → 1 × $750
  });

  test('I-2: a side with a negative net must first make up its loss', () => {
    // 3 Azure customers a year ago, 1 now: net −2 on Azure; 2 more Azure customers earn nothing.
    const previous = ['a', 'b', 'c'].flatMap((t) => azureEach(t, months(ago(23), 1), 700));
    const { sim } = simOf(
      { azure: [...previous, azure('a', L, 700)] },
      { azureCustomers: 2, m365Customers: 1 },
    );
    expect(sim.today.paths.smb.metrics.netCustomerAdds.toFraction()).toBe('0');
    expect(sim.simulated.paths.smb.metrics.netCustomerAdds.toFraction()).toBe('4'); // only the M365 one
  });

  test('protected users go to an existing Microsoft 365 deployment as one fully active row', () => {
    const { sim, base } = simOf({ m365: [m365('m-1', L, 400, 100)] }, { protectedUsers: 250 });
    expect(base.stats.paths.enterprise.growthInto.m365).toEqual({
      tenantId: 'm-1',
      name: 'm-1',
      workload: 'Microsoft Entra ID P1',
      association: 'CPOR',
    });
    const today = sim.today.paths.enterprise.metrics;
    const after = sim.simulated.paths.enterprise.metrics;
    expect(today.usageGrowth.toFraction()).toBe('0'); // 100 users: under 125
    expect(after.usageGrowth.toFraction()).toBe('2'); // 350 users
    expect(after.deployments.toFraction()).toBe(today.deployments.toFraction());
    expect(sim.shapes.enterprise).toEqual(['250 more active licenses of Microsoft Entra ID P1 at m-1']);
  });
});

describe('skilling additions follow the certification rules on the date', () => {
  const people = [cert('p-1', 'SC-200', '2026-06-01'), cert('p-2', 'SC-200', '2026-06-01')];

  test('Enterprise: a new step-3 person alone earns nothing; an SC-100 for someone with SC-200 does', () => {
    const step1 = [cert('p-3', 'SC-500', '2026-06-01'), cert('p-4', 'SC-500', '2026-06-01')];
    const { sim } = simOf({ certifications: [...people, ...step1] }, { newPeople: { 3: 2 } });
    expect(sim.simulated.paths.enterprise.metrics.intermediateCertifications.toFraction()).toBe('0');
    expect(sim.simulated.paths.smb.metrics.intermediateCertifications.toFraction()).toBe('24'); // 4 + 4 + 2 × 8
    const named = simOf(
      { certifications: [...people, ...step1] },
      { exams: [{ personId: 'p-1', exam: 'SC-100' }] },
    );
    expect(named.sim.simulated.paths.enterprise.metrics.intermediateCertifications.toFraction()).toBe('20/3');
    expect(named.sim.exams).toEqual([
      { personId: 'p-1', name: 'p-1', known: true, exam: 'SC-100', step: 3, state: 'valid' },
    ]);
  });

  test('AZ-500 can be passed on its retirement day, not after; new step-1 people then take SC-500', () => {
    const on = simOf(
      { asOf: '2026-08-31', certifications: people },
      { exams: [{ personId: 'p-1', exam: 'az-500' }] },
    );
    expect(on.sim.exams[0]).toMatchObject({ exam: 'AZ-500', step: 1, state: 'valid', retires: '2026-08-31' });
    const after = simOf(
      { asOf: '2026-09-01', certifications: people },
      { exams: [{ personId: 'p-1', exam: 'AZ-500' }] },
    );
    expect(after.sim.exams[0]).toMatchObject({ state: 'earnedAfterRetirement' });
    expect(after.sim.simulated.paths.smb.metrics.intermediateCertifications.toFraction()).toBe(
      after.sim.today.paths.smb.metrics.intermediateCertifications.toFraction(),
    );
    const fresh = simOf({ asOf: '2026-09-01', certifications: people }, { newPeople: { 1: 1 } });
    expect(fresh.sim.shapes.smb).toEqual(['1 new person passing SC-500 (step 1)']);
    expect(fresh.sim.simulated.paths.smb.metrics.intermediateCertifications.toFraction()).toBe('8');
  });
});

describe('refusals', () => {
  const base = baseOf(dataset({ certifications: [cert('p-1', 'SC-200', '2026-06-01')] }));

  test('an unknown exam, a negative or fractional count', () => {
    const code = (additions: Additions): string | undefined => {
      try {
        simulate(base, additions);
        return undefined;
      } catch (error) {
        return error instanceof SimulationError ? error.code : 'other';
      }
    };
    expect(code({ exams: [{ personId: 'p-1', exam: 'AZ-104' }] })).toBe('UNKNOWN_EXAM');
    expect(code({ azureCustomers: -1 })).toBe('INVALID_ADDITION');
    expect(code({ protectedUsers: 2.5 })).toBe('INVALID_ADDITION');
    expect(code({})).toBeUndefined();
  });

  test('a snapshot made before the simulator, or with another rule set', () => {
    const head = snapshotHead(toScoreResult(report(dataset())), 1);
    expect(() => simulationBase({ ...head, simulation: undefined })).toThrow(
      expect.objectContaining({ code: 'NO_SIMULATION_DATA' }),
    );
    expect(() => simulationBase({ ...head, ruleSet: { id: head.ruleSet.id, version: '2025-01' } })).toThrow(
      expect.objectContaining({ code: 'RULES_CHANGED' }),
    );
  });
});
