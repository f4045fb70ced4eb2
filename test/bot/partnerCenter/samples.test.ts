import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scorePartner, toScoreResult, validateDataset } from '../../../scoring';
import { readPartnerCenterFiles } from '../../../bot/import/partnerCenter';
import { SAMPLE_DIR, SAMPLE_PARTNER, sampleFiles } from '../../fixtures/partnerCenterSamples';

/** The demo's Partner Center downloads: reproducible from their writer, and read as a whole. */

const names = readdirSync(SAMPLE_DIR).sort();
const files = names.map((name) => ({ name, open: () => createReadStream(path.join(SAMPLE_DIR, name)) }));

describe('bot/demo/partner-center samples', () => {
  test('the committed files are exactly what test/fixtures/partnerCenterSamples.ts writes', () => {
    const written = sampleFiles();
    expect(names).toEqual(written.map((f) => f.name).sort());
    for (const file of written)
      expect(readFileSync(path.join(SAMPLE_DIR, file.name), 'utf8')).toBe(file.text);
  });

  test('read together they are one valid dataset of the demo partner, every report recognised', async () => {
    const out = await readPartnerCenterFiles(files, { asOf: '2026-12-01' });
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(out.document.partner).toEqual(SAMPLE_PARTNER);
    expect(out.document.asOf).toBe('2026-11-20');
    expect(Object.fromEntries(out.files.map((f) => [f.file, f.report]))).toEqual({
      'azure-usage.csv': 'azureUsage',
      'cpor-m365-usage.csv': 'cporM365Usage',
      'ems-usage.csv': 'emsUsage',
      'fabrikam-info.yaml': 'partnerInfo',
      'office365-usage.csv': 'office365Usage',
      'trainings.csv': 'trainings',
    });
    const azure = out.files.find((f) => f.report === 'azureUsage');
    expect(azure?.rowsSkipped).toEqual([
      {
        reason: expect.stringContaining('IsACRDuplicateAtPGALevel = 1'),
        rows: azure ? azure.rowsRead - azure.rowsUsed : -1,
      },
    ]);
    expect(azure?.rowsSkipped[0]?.rows).toBeGreaterThan(0);
    expect(out.unknownTitles).toEqual([
      { title: 'Microsoft Certified: Azure Administrator Associate', rows: 1 },
    ]);
    const validated = validateDataset(out.document);
    if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
    const result = toScoreResult(scorePartner(validated.dataset));
    // The demo's story: Fabrikam qualifies on the SMB path (82), not on the Enterprise one.
    expect(result.headline).toBe('smb');
    expect([result.paths.smb.total, result.paths.enterprise.total]).toEqual([82, 39.33]);
  });
});
