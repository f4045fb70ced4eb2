import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const example = path.join(root, 'test/fixtures/example-dataset.json');
const expected = JSON.parse(
  readFileSync(path.join(root, 'test/fixtures/example-result.json'), 'utf8'),
) as Record<string, unknown>;

/** Runs the command exactly as the contract says: `npm run --silent score -- …`. */
function score(args: string[]) {
  const run = spawnSync('npm', ['run', '--silent', 'score', '--', ...args], { cwd: root, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function expectSubset(actual: unknown, wanted: unknown, where = '$'): void {
  if (wanted !== null && typeof wanted === 'object') {
    expect(typeof actual).toBe('object');
    for (const [key, value] of Object.entries(wanted))
      expectSubset((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
  } else {
    expect({ where, value: actual }).toEqual({ where, value: wanted });
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'score-cli-'));
const invalid = path.join(dir, 'invalid.json');
writeFileSync(
  invalid,
  JSON.stringify({
    schemaVersion: 1,
    asOf: '2026-11-22',
    partner: { partnerId: '42', name: 'Broken' },
    azureConsumption: [
      {
        customerTenantId: 'c',
        month: '2026-13',
        service: 'Key Vault',
        offer: 'x',
        association: 'PAL',
        acrUsd: -1,
      },
    ],
    m365Licenses: [],
    certifications: [{ personId: 'p', exam: 'SC-200', earned: '2026-02-30', colour: 'blue' }],
  }),
);
const notJson = path.join(dir, 'not.json');
writeFileSync(notJson, '{ "schemaVersion": 1,');

describe('npm run score', () => {
  test('--json prints one JSON line per file, in order, matching the contract example', () => {
    const run = score(['--json', example, example]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expectSubset(JSON.parse(line), expected);
  }, 60_000);

  test('invalid input: exit code 2, an error line for that file, readable errors with row and field on stderr', () => {
    const run = score(['--json', example, invalid, notJson]);
    expect(run.code).toBe(2);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]!.partnerId).toBe('4012345');
    expect(lines[1]!.file).toBe(invalid);
    const paths = (lines[1]!.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual([
      'azureConsumption[0].acrUsd',
      'azureConsumption[0].month',
      'certifications[0].colour',
      'certifications[0].earned',
    ]);
    expect(lines[2]!.file).toBe(notJson);
    expect(run.stderr).toContain('azureConsumption[0].month: must be a month written YYYY-MM');
    expect(run.stderr).toContain('certifications[0].earned: must be a real calendar date written YYYY-MM-DD');
    expect(run.stderr).toContain('certifications[0].colour: unknown field');
    expect(run.stderr).toContain('is not valid JSON');
  }, 60_000);

  test('without --json: a report with both paths, bars, qualification, gaps, the plan and at-risk items', () => {
    const run = score([example]);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('Contoso Security Ltd (4012345)');
    expect(out).toMatch(/Enterprise\s+SMB ★ headline/);
    expect(out).toMatch(/Deployments\s+█+░+ 3\.33\/20\s+█+░+ 10\/20/);
    expect(out).toContain('23.33  ✗ not qualified');
    expect(out).toContain('82  ✓ qualified');
    expect(out).toContain('Plan to qualify: 8 additions → 70 points');
    expect(out).toContain('Chen Wei passes SC-500 (step 1)');
    expect(out).toContain('Next month (as of 2026-12-22) if usage stays as in 2026-10');
    expect(out).not.toContain('\u001b['); // no colour codes when not a terminal
  }, 60_000);

  test('no file: usage error, exit code 2', () => {
    const run = score(['--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'file'");
  }, 60_000);
});
