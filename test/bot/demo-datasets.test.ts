import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scorePartner, toScoreResult, validateDataset, type ScoreResult } from '../../scoring';

/** The demo datasets shipped with the bot (bot/demo/*.json but the demo admins) must stay valid and tell their story. */

const demoDir = path.resolve(__dirname, '../../bot/demo');
const files = readdirSync(demoDir)
  .filter((name) => name.endsWith('.json') && name !== 'admins.json')
  .sort();

function load(file: string): unknown {
  return JSON.parse(readFileSync(path.join(demoDir, file), 'utf8'));
}

function scoreDemo(file: string): ScoreResult {
  const validation = validateDataset(load(file));
  if (!validation.ok) throw new Error(`${file} is invalid: ${JSON.stringify(validation.errors)}`);
  return toScoreResult(scorePartner(validation.dataset));
}

describe('bot/demo datasets', () => {
  test('the expected demo datasets are present', () => {
    expect(files).toEqual(expect.arrayContaining(['contoso-security.json', 'northwind-cyber.json']));
  });

  test.each(files)('%s validates with no errors and no warnings', (file) => {
    const validation = validateDataset(load(file));
    expect(validation.ok ? [] : validation.errors).toEqual([]);
    expect(validation.ok && validation.warnings).toEqual([]);
  });

  test('contoso-security.json qualifies on the SMB path only', () => {
    const result = scoreDemo('contoso-security.json');
    expect(result.headline).toBe('smb');
    expect(result.paths.smb.qualified).toBe(true);
    expect(result.paths.enterprise.qualified).toBe(false);
  });

  test('northwind-cyber.json is just below 70 on its headline path, 1–3 additions from qualifying', () => {
    const result = scoreDemo('northwind-cyber.json');
    const headline = result.paths[result.headline];
    const other = result.paths[result.headline === 'enterprise' ? 'smb' : 'enterprise'];
    expect(headline.total).toBeGreaterThanOrEqual(60);
    expect(headline.total).toBeLessThan(70);
    expect(headline.qualified).toBe(false);
    expect(other.qualified).toBe(false);
    expect(other.total).toBeLessThan(headline.total);
    const metricsBelowOnePoint = Object.values(headline.metrics).filter((m) => m.points < 1);
    expect(metricsBelowOnePoint.length).toBeLessThanOrEqual(1);
    expect(headline.plan.alreadyQualified).toBe(false);
    expect(headline.plan.additions).toBeGreaterThanOrEqual(1);
    expect(headline.plan.additions).toBeLessThanOrEqual(3);
    expect(headline.plan.projected.total).toBeGreaterThanOrEqual(70);
    expect(result.atRisk.certifications.length).toBeGreaterThanOrEqual(1);
  });
});
