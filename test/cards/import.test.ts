import { VERBS } from '../../bot/conversation/answers';
import type { FileProblem } from '../../bot/import/partnerCenter';
import type { ImportSummary } from '../../bot/import/importDataset';
import { importProblemsCard, importProblemsModel, PROBLEMS_SHOWN } from '../../cards/importProblems';
import { importSummaryCard, importSummaryModel, type ImportSummaryInput } from '../../cards/importSummary';
import { messageCard, notImportAdminModel } from '../../cards/message';
import type { AdaptiveCard } from '../../cards/render';
import { cardProblems, verbsIn } from './validate';

/** Issue 12: the cards that answer files dropped into the chat. */

const summary = (over: Partial<ImportSummary> = {}): ImportSummary => ({
  partnerId: '4012345',
  partnerName: 'Contoso Security Ltd',
  versionId: 'v2',
  rows: { azure: 120, m365: 40, mau: 10, certifications: 6 },
  chunks: 6,
  unknownNames: {
    services: { 'Quantum Firewall': 3 },
    workloads: {},
    associations: { 'Deal registration': 2 },
  },
  clampedRows: 0,
  rowsWithoutOffer: 120,
  excludedRows: {
    azure: {
      associationNotEligible: { rows: 7, usd: 1234.5, text: 'partner association type not eligible' },
      serviceNotEligible: { rows: 30, usd: 800, text: 'not an eligible Azure Security service' },
    },
    m365: { workloadNotEligible: { rows: 4, text: 'not an eligible Microsoft 365 Security workload' } },
  },
  servicesLeftList: [],
  headline: { versionId: 'v2', asOf: '2026-12-06', path: 'smb', total: 82, qualified: true },
  previous: { versionId: 'v1', asOf: '2026-11-20', path: 'smb', total: 74.5, qualified: true },
  current: true,
  unchanged: false,
  deletedVersions: [],
  ...over,
});

const input = (over: Partial<ImportSummaryInput> = {}): ImportSummaryInput => ({
  summary: summary(),
  files: [
    {
      file: 'azure-usage.csv',
      report: 'azureUsage',
      rowsRead: 130,
      rowsUsed: 120,
      rowsSkipped: [{ reason: 'flagged duplicate (IsACRDuplicateAtPGALevel = 1)', rows: 10 }],
    },
    { file: 'trainings.csv', report: 'trainings', rowsRead: 7, rowsUsed: 6, rowsSkipped: [] },
  ],
  unknownTitles: [{ title: 'Microsoft Certified: Something New', rows: 1 }],
  notes: ['The EMS file was not dropped: no MAU from it.'],
  ...over,
});

const texts = (card: AdaptiveCard): string => JSON.stringify(card);

describe('import summary card', () => {
  test("I-8: the rows that stopped counting because their service left Microsoft's list, per service with the date", () => {
    const model = importSummaryModel(
      input({
        summary: summary({
          servicesLeftList: [
            { service: 'Network Watcher', endsOn: '2026-05-01', rows: 12, usd: 3400 },
            { service: 'Advanced Threat Protection', endsOn: '2026-05-01', rows: 1, usd: 20.5 },
          ],
        }),
      }),
    );
    expect(model.sections.find((s) => s.heading === 'Services that left the list')?.lines).toEqual([
      {
        text: "Network Watcher: 12 Azure rows ($3,400.00) stopped counting — no longer on Microsoft's list of eligible services since 2026-05-01",
        color: 'Default',
      },
      {
        text: "Advanced Threat Protection: 1 Azure row ($20.50) stopped counting — no longer on Microsoft's list of eligible services since 2026-05-01",
        color: 'Default',
      },
    ]);
    expect(importSummaryModel(input()).sections.map((s) => s.heading)).not.toContain(
      'Services that left the list',
    );
  });

  test('valid, every verb handled, the score one click away', () => {
    const card = importSummaryCard(input());
    expect(cardProblems(card)).toEqual([]);
    expect(verbsIn(card)).toContain('score');
    for (const verb of verbsIn(card)) expect(Object.keys(VERBS)).toContain(verb);
  });

  test('rows per file, rows not counted and why, unknown names, the score change', () => {
    const model = importSummaryModel(input());
    expect(model.title).toBe('Imported 2 files for Contoso Security Ltd');
    expect(model.files.map((f) => f.text)).toEqual([
      'azure-usage.csv (Azure usage): 130 rows read, 120 used — skipped: 10 rows flagged duplicate (IsACRDuplicateAtPGALevel = 1)',
      'trainings.csv (Trainings and certifications): 7 rows read, 6 used',
    ]);
    expect(model.score.map((l) => l.text)).toEqual([
      'Before: SMB path 74.50 / 100 · qualified (data of 2026-11-20)',
      'Now: SMB path 82 / 100 · qualified (▲ 7.50)',
    ]);
    const sections = Object.fromEntries(model.sections.map((s) => [s.heading, s.lines.map((l) => l.text)]));
    expect(sections['Rows the score does not count']).toEqual([
      '7 Azure rows ($1,234.50): partner association type not eligible',
      '30 Azure rows ($800.00): not an eligible Azure Security service',
      '4 Microsoft 365 rows: not an eligible Microsoft 365 Security workload',
    ]);
    expect(sections['Names the rules do not know (not counted, not guessed)']).toEqual([
      'Azure service "Quantum Firewall" (3 rows)',
      'Association "Deal registration" (2 rows)',
      'Training title "Microsoft Certified: Something New" (1 row)',
    ]);
    expect(sections.Notes).toEqual([
      'The EMS file was not dropped: no MAU from it.',
      '120 Azure rows without an offer: the offer filter (Support, Internal, Benefit Program, Trial) could not be applied to them.',
    ]);
  });

  test('a drop, a first import, an unchanged import and an older dataset say so', () => {
    const down = importSummaryModel(
      input({ summary: summary({ headline: { ...summary().headline, total: 60, qualified: false } }) }),
    );
    expect(down.score[1]).toEqual({
      text: 'Now: SMB path 60 / 100 · not qualified (▼ 14.50)',
      color: 'Attention',
    });
    const first: ImportSummary = { ...summary(), previous: undefined };
    expect(importSummaryModel(input({ summary: first })).score.map((l) => l.text)).toEqual([
      'First data: SMB path 82 / 100 · qualified',
    ]);
    const same = importSummaryModel(input({ summary: summary({ unchanged: true }) }));
    expect(same.title).toBe('No change for Contoso Security Ltd: the data is the same as the current data');
    const older = importSummaryModel(input({ summary: summary({ current: false }) }));
    expect(older.score.at(-1)?.text).toMatch(/older than the current data, which stays current/);
  });

  test('long lists are cut with "and N more" and the card stays under 28 KB', () => {
    const many = Object.fromEntries(
      Array.from({ length: 500 }, (_, i) => [`Service ${'x'.repeat(150)} ${i}`, i + 1]),
    );
    const files = Array.from({ length: 40 }, (_, i) => ({
      file: `${'long-name-'.repeat(30)}${i}.csv`,
      report: 'azureUsage' as const,
      rowsRead: 1_000_000,
      rowsUsed: 999_000,
      rowsSkipped: [{ reason: 'x'.repeat(500), rows: 1000 }],
    }));
    const card = importSummaryCard(
      input({
        files,
        summary: summary({ unknownNames: { services: many, workloads: {}, associations: {} } }),
      }),
    );
    expect(cardProblems(card)).toEqual([]);
    expect(texts(card)).toContain('… and 489 more');
    expect(texts(card)).toContain('… and 28 more files');
  });
});

describe('import problems card', () => {
  const problems: FileProblem[] = [
    { file: 'azure-usage.csv', row: 12, column: 'Month', message: '"13/2026" is not a month' },
    {
      file: 'azure-usage.csv',
      column: 'ACR_USD',
      message: 'is missing (only Executive report viewers see ACR)',
    },
    { file: 'notes.xlsx', message: '.xlsx files are not read' },
  ];

  test('each problem names its file, row and column; what stays is said', () => {
    const card = importProblemsCard({
      partnerName: 'Contoso Security Ltd',
      problems,
      currentAsOf: '2026-11-20',
    });
    expect(cardProblems(card)).toEqual([]);
    const model = importProblemsModel({
      partnerName: 'Contoso Security Ltd',
      problems,
      currentAsOf: '2026-11-20',
    });
    expect(model.title).toBe('Nothing imported: 3 problems in the files');
    expect(model.problems.map((p) => p.text)).toEqual([
      '• azure-usage.csv, row 12, column Month: "13/2026" is not a month',
      '• azure-usage.csv, column ACR_USD: is missing (only Executive report viewers see ACR)',
      '• notes.xlsx: .xlsx files are not read',
    ]);
    expect(model.advice).toContain(
      'current data (Partner Center data of 20 Nov 2026) and its score are unchanged',
    );
    for (const verb of verbsIn(card)) expect(Object.keys(VERBS)).toContain(verb);
  });

  test('no current data: no score button', () => {
    const card = importProblemsCard({ partnerName: 'New Partner', problems, currentAsOf: undefined });
    expect(verbsIn(card)).toEqual([]);
  });

  test(`at most ${PROBLEMS_SHOWN} problems listed, then "and N more", under 28 KB`, () => {
    const lots: FileProblem[] = Array.from({ length: 5_000 }, (_, i) => ({
      file: `${'f'.repeat(300)}.csv`,
      row: i + 2,
      column: 'c'.repeat(200),
      message: 'm'.repeat(2_000),
    }));
    const card = importProblemsCard({
      partnerName: 'P',
      problems: lots,
      unlisted: 7,
      currentAsOf: '2026-11-20',
    });
    expect(cardProblems(card)).toEqual([]);
    const model = importProblemsModel({
      partnerName: 'P',
      problems: lots,
      unlisted: 7,
      currentAsOf: '2026-11-20',
    });
    expect(model.title).toBe('Nothing imported: 5,007 problems in the files');
    expect(model.problems).toHaveLength(PROBLEMS_SHOWN + 1);
    expect(model.problems.at(-1)?.text).toBe(`… and ${5_007 - PROBLEMS_SHOWN} more`);
  });
});

describe('not-an-admin card', () => {
  test('says who can import and how an admin is added', () => {
    const card = messageCard(notImportAdminModel('Northwind Cyber', 'user-oid-1'));
    expect(cardProblems(card)).toEqual([]);
    expect(texts(card)).toContain("Only Northwind Cyber's registered admins can import data");
    expect(texts(card)).toContain(
      'npm run partners -- register --partner-id ID --name NAME --admin OBJECT_ID',
    );
    expect(texts(card)).toContain('your Entra object id: user-oid-1');
  });
});

describe('I-11.2 names from files are plain text', () => {
  const hostile = '${$root.title} ${1+1} Corp ${';

  test('a file, customer-derived name or partner containing ${…} is shown as written', () => {
    const summaryCard = importSummaryCard(
      input({
        summary: summary({
          partnerName: `Acme ${hostile}`,
          unknownNames: { services: { [hostile]: 1 }, workloads: {}, associations: {} },
        }),
        files: [{ file: `${hostile}.csv`, report: 'azureUsage', rowsRead: 1, rowsUsed: 1, rowsSkipped: [] }],
        unknownTitles: [{ title: hostile, rows: 1 }],
      }),
    );
    const problemsCard = importProblemsCard({
      partnerName: `Acme ${hostile}`,
      problems: [{ file: `${hostile}.csv`, row: 2, column: hostile, message: `"${hostile}" is not a month` }],
      currentAsOf: '2026-11-20',
    });
    const adminCard = messageCard(notImportAdminModel(`Acme ${hostile}`, hostile));
    for (const card of [summaryCard, problemsCard, adminCard]) {
      expect(cardProblems(card).filter((p) => p !== 'leftover ${…}')).toEqual([]);
      expect(texts(card)).toContain(JSON.stringify(hostile).slice(1, -1));
      expect(texts(card)).not.toContain('"2 Corp');
    }
  });
});
