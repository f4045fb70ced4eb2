/**
 * The contract example: test/fixtures/example-dataset.json must score to
 * test/fixtures/example-result.json. Every field present in the expected result must be present in
 * ours with an equal value (a deep subset compare; numbers compared as numbers, so 4.0 equals 4).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scorePartner, toScoreResult, validateDataset } from '../../scoring';

const FIXTURES = join(__dirname, '..', 'fixtures');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

type Leaf = { path: string; expected: unknown; actual: unknown };

/** Every leaf of `expected` with the value found at the same path in `actual`. */
function leaves(expected: unknown, actual: unknown, path = '$'): Leaf[] {
  if (expected !== null && typeof expected === 'object') {
    const entries = Array.isArray(expected)
      ? expected.map((v, i) => [String(i), v] as const)
      : Object.entries(expected as Record<string, unknown>);
    return entries.flatMap(([key, value]) => {
      const child =
        actual !== null && typeof actual === 'object' ? (actual as Record<string, unknown>)[key] : undefined;
      return leaves(value, child, Array.isArray(expected) ? `${path}[${key}]` : `${path}.${key}`);
    });
  }
  return [{ path, expected, actual }];
}

describe('contract: example-dataset.json → example-result.json', () => {
  const input = readJson('example-dataset.json');
  const expected = readJson('example-result.json');
  const validation = validateDataset(input);

  test('the example dataset is valid, without warnings', () => {
    expect(validation.ok ? [] : validation.errors).toEqual([]);
    expect(validation.ok && validation.warnings).toEqual([]);
  });

  test('every field of the expected result equals ours', () => {
    if (!validation.ok) throw new Error('example dataset is invalid');
    const actual = toScoreResult(scorePartner(validation.dataset));
    const all = leaves(expected, actual);
    // The expected result pins both paths' totals, qualification and four metrics, and the headline.
    expect(all.length).toBeGreaterThanOrEqual(2 * (2 + 4) + 1);
    const mismatches = all.filter((leaf) => leaf.actual !== leaf.expected);
    expect(mismatches).toEqual([]);
    expect(actual).toMatchObject(expected as Record<string, unknown>);
  });

  test('the expected figures (spelled out)', () => {
    if (!validation.ok) throw new Error('example dataset is invalid');
    const report = scorePartner(validation.dataset);
    const p = report.paths;
    expect(p.enterprise.total.toFraction()).toBe('70/3'); // 4 + 0 + 10/3 + 16 = 23.33
    expect(p.smb.total.toFraction()).toBe('82');
    expect(p.smb.metrics.deployments.points.toFraction()).toBe('10');
    expect(p.enterprise.metrics.deployments.points.toFraction()).toBe('10/3');
    expect(report.headline).toBe('smb');
  });
});
