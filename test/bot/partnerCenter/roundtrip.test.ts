import { Readable } from 'node:stream';
import fc from 'fast-check';
import { scorePartner, toScoreResult, type PartnerDataset } from '../../../scoring';
import { readPartnerCenterFiles, type SourceFile } from '../../../bot/import/partnerCenter';
import { MONTH_FORMATS, writePartnerCenterCsvs, type CsvStyle } from '../../fixtures/partnerCenterCsv';
import { datasetArbitrary } from '../../scoring/arbitraries';
import { validate } from '../../scoring/builders';

/**
 * A dataset written as Partner Center's downloads (columns reordered, headers in another case and
 * spacing, both month formats, thousands separators, flagged duplicates, any delimiter) and read
 * back scores exactly like the dataset. Outside what the downloads carry, and so left out of the
 * comparison: the Azure `offer` (no column; the offer filter is not applied) — designation,
 * specializations and partner.tenantId come from the partner-info file (not generated here).
 */

const source = (name: string, text: string): SourceFile => ({
  name,
  open: () => Readable.from([Buffer.from(text)]),
});

const HEADERS: readonly ((name: string) => string)[] = [
  (n) => n,
  (n) => n.toLowerCase(),
  (n) => n.toUpperCase(),
  (n) => n.replace(/_/g, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
  (n) => n.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase(),
];
const MONTHS = Object.values(MONTH_FORMATS);

const styleArbitrary: fc.Arbitrary<CsvStyle> = fc
  .record({
    headers: fc.array(fc.nat(HEADERS.length - 1), { minLength: 1, maxLength: 8 }),
    shuffle: fc.nat(),
    months: fc.array(fc.nat(MONTHS.length - 1), { minLength: 1, maxLength: 4 }),
    delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
    thousands: fc.boolean(),
    duplicateEvery: fc.constantFrom(0, 2, 5),
  })
  .map(({ headers, shuffle, months, ...rest }) => ({
    ...rest,
    header: (name, position) => (HEADERS[headers[position % headers.length] ?? 0] ?? ((n) => n))(name),
    // A rotation by `shuffle` and a reversal on odd seeds: every column moves.
    order: (names) => {
      const k = shuffle % Math.max(1, names.length);
      const rotated = [...names.slice(k), ...names.slice(0, k)];
      return shuffle % 2 === 1 ? rotated.reverse() : rotated;
    },
    month: (month, row) => (MONTHS[months[row % months.length] ?? 0] ?? MONTH_FORMATS.plain)(month),
  }));

const EMS_PRODUCTS = [
  'Microsoft Defender for Identity',
  'Microsoft Defender for Cloud Apps',
  'Microsoft Entra ID Premium',
  'Intune',
  'Azure Information Protection',
];
const mauArbitrary = fc.array(
  fc.record({
    customerTenantId: fc.constantFrom('t-1', 't-2', 't-3'),
    month: fc.constantFrom('2025-09', '2025-10', '2026-09', '2026-10'),
    product: fc.constantFrom(...EMS_PRODUCTS),
    association: fc.constantFrom('CPOR', 'CSP Tier1', 'PAL'),
    activeUsers: fc.constantFrom(0, 10, 400, 1_000, 2_500),
  }),
  { maxLength: 12 },
);

const withoutOffer = (dataset: PartnerDataset): PartnerDataset => ({
  ...dataset,
  azureConsumption: dataset.azureConsumption.map((row) => {
    const copy = { ...row };
    delete copy.offer;
    return copy;
  }),
});

const score = (dataset: PartnerDataset) => toScoreResult(scorePartner(validate(dataset)));

describe('Partner Center downloads round trip', () => {
  test('a dataset written as the downloads and read back scores exactly like the dataset', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArbitrary, mauArbitrary, styleArbitrary, async (base, mau, style) => {
        const dataset: PartnerDataset = { ...base, ...(mau.length > 0 ? { mau } : {}) };
        const files = writePartnerCenterCsvs(dataset, style).map((f) => source(f.name, f.text));
        const read = await readPartnerCenterFiles(files, { asOf: dataset.asOf, partner: dataset.partner });
        if (!read.ok) throw new Error(JSON.stringify(read.problems));
        expect(score(read.document)).toEqual(score(withoutOffer(dataset)));
        expect(read.document.azureConsumption).toHaveLength(dataset.azureConsumption.length);
        expect(read.document.certifications).toHaveLength(dataset.certifications.length);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
