/**
 * The eight worked skilling examples of seed 002 (../../../shared/reference/seeds/002_*.txt) are the
 * acceptance tests of rules §3.2. Two typos of the seed are read as the rules file explains:
 * Enterprise example 1's "3 people complete Step 2, earning 20 points" means step 3, and SMB
 * example 2's total of 24 is 4 + 4 + 2 × 8 (its "earning eight points" is per person).
 *
 * Step 1 = Azure Security Engineer Associate (AZ-500), step 2 = Microsoft Security Operations
 * Analyst (SC-200), step 3 = any of SC-100, SC-300, SC-401. Every certification is earned on
 * 2026-06-01, valid on asOf 2026-11-22.
 */
import { cert, score, exact } from './builders';
import type { CertificationRow } from '../../scoring/dataset';

const EARNED = '2026-06-01';
const az500 = (...people: string[]) => people.map((p) => cert(p, 'AZ-500', EARNED));
const sc200 = (...people: string[]) => people.map((p) => cert(p, 'SC-200', EARNED));
const STEP3 = ['SC-100', 'SC-300', 'SC-401'];
const step3 = (...people: string[]) => people.map((p, i) => cert(p, STEP3[i % STEP3.length]!, EARNED));

function skilling(rows: CertificationRow[]) {
  const e = exact({ certifications: rows });
  const json = score({ certifications: rows });
  return {
    enterprise: e.enterprise.intermediateCertifications,
    smb: e.smb.intermediateCertifications,
    enterpriseShown: json.paths.enterprise.metrics.intermediateCertifications.points,
    smbShown: json.paths.smb.metrics.intermediateCertifications.points,
  };
}

describe('seed 002 — Enterprise skilling examples', () => {
  test('Enterprise example 1: 2 × AZ-500, 2 × SC-200, 3 people complete step 3 ("Step 2" in the seed) → 20', () => {
    // Step-3 people must be "same as step 1 or step 2": a, b (AZ-500) and c (SC-200).
    const s = skilling([...az500('a', 'b'), ...sc200('c', 'd'), ...step3('a', 'b', 'c')]);
    expect(s.enterprise).toBe('20');
    expect(s.enterpriseShown).toBe(20);
  });

  test('Enterprise example 2: the same two people complete AZ-500, SC-200 and step 3 → 13.33', () => {
    const s = skilling([...az500('a', 'b'), ...sc200('a', 'b'), ...step3('a', 'b')]);
    expect(s.enterprise).toBe('40/3');
    expect(s.enterpriseShown).toBe(13.33);
  });

  test('Enterprise example 3: 2 × AZ-500, no SC-200, two people complete step 3 → 0 (step 2 incomplete)', () => {
    const s = skilling([...az500('a', 'b'), ...step3('a', 'b')]);
    expect(s.enterprise).toBe('0');
    expect(s.enterpriseShown).toBe(0);
  });

  test('Enterprise example 4: 1 × AZ-500, 2 × SC-200, two people complete step 3 → 0 (step 1 incomplete)', () => {
    const s = skilling([...az500('a'), ...sc200('b', 'c'), ...step3('b', 'c')]);
    expect(s.enterprise).toBe('0');
    expect(s.enterpriseShown).toBe(0);
  });
});

describe('seed 002 — SMB skilling examples', () => {
  test('SMB example 1: 2 × AZ-500 (4, capped), 2 × SC-200 (4, capped), 3 people complete step 3 (24) → 32', () => {
    const s = skilling([...az500('a', 'b'), ...sc200('c', 'd'), ...step3('e', 'f', 'g')]);
    expect(s.smb).toBe('32');
    expect(s.smbShown).toBe(32);
  });

  test('SMB example 2: the same two people complete AZ-500, SC-200 and step 3 → 24 (= 4 + 4 + 2 × 8)', () => {
    const s = skilling([...az500('a', 'b'), ...sc200('a', 'b'), ...step3('a', 'b')]);
    expect(s.smb).toBe('24');
    expect(s.smbShown).toBe(24);
  });

  test('SMB example 3: 2 × AZ-500, no SC-200, two people complete step 3 → 4 (step 1 only)', () => {
    const s = skilling([...az500('a', 'b'), ...step3('c', 'd')]);
    expect(s.smb).toBe('4');
    expect(s.smbShown).toBe(4);
  });

  test('SMB example 4: no AZ-500, no SC-200, two people complete step 3 → 0', () => {
    const s = skilling(step3('a', 'b'));
    expect(s.smb).toBe('0');
    expect(s.smbShown).toBe(0);
  });
});

describe('seed 002 — the same certifications on the other path', () => {
  // Not worked examples of the seed, but what rules §3.2 gives for the other path of each example.
  test.each([
    ['Enterprise example 1', [...az500('a', 'b'), ...sc200('c', 'd'), ...step3('a', 'b', 'c')], '32'],
    ['Enterprise example 2', [...az500('a', 'b'), ...sc200('a', 'b'), ...step3('a', 'b')], '24'],
    ['Enterprise example 3', [...az500('a', 'b'), ...step3('a', 'b')], '4'],
    ['Enterprise example 4', [...az500('a'), ...sc200('b', 'c'), ...step3('b', 'c')], '24'],
  ])('%s on the SMB path → %s', (_name, rows, smb) => {
    expect(skilling(rows).smb).toBe(smb);
  });

  test.each([
    // SMB example 1's step-3 people hold no step-1/2 certification: "same as step 1 or step 2" fails.
    ['SMB example 1', [...az500('a', 'b'), ...sc200('c', 'd'), ...step3('e', 'f', 'g')], '0'],
    ['SMB example 2', [...az500('a', 'b'), ...sc200('a', 'b'), ...step3('a', 'b')], '40/3'],
    ['SMB example 3', [...az500('a', 'b'), ...step3('c', 'd')], '0'],
    ['SMB example 4', step3('a', 'b'), '0'],
  ])('%s on the Enterprise path → %s', (_name, rows, enterprise) => {
    expect(skilling(rows).enterprise).toBe(enterprise);
  });
});
