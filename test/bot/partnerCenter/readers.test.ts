import { Readable } from 'node:stream';
import yazl from 'yazl';
import {
  filesFromZip,
  readPartnerCenterFiles,
  ZipReadError,
  type ReadOutcome,
  type SourceFile,
} from '../../../bot/import/partnerCenter';
import { parseAmount, parseDate, parseMonth } from '../../../bot/import/partnerCenter/values';

const file = (name: string, text: string | Buffer): SourceFile => ({
  name,
  open: () => Readable.from([typeof text === 'string' ? Buffer.from(text) : text]),
});
const PARTNER = { partnerId: '4069001', name: 'Fabrikam Secure' };
/** `null`: no partner given (the files or the info file must say). */
const read = (files: SourceFile[], partner: typeof PARTNER | null = PARTNER) =>
  readPartnerCenterFiles(files, { asOf: '2026-11-20', ...(partner ? { partner } : {}) });

function ok(outcome: ReadOutcome) {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome;
}
function problems(outcome: ReadOutcome) {
  if (outcome.ok) throw new Error('expected problems');
  return outcome.problems;
}

describe('values as Partner Center writes them', () => {
  test.each([
    ['2026-10', '2026-10'],
    ['2026-10-01', '2026-10'],
    ['10/1/2026', '2026-10'],
    ['2026-10-01T00:00:00.000Z', '2026-10'],
    ['Oct 2026', '2026-10'],
    ['202610', '2026-10'],
    ['13/1/2026', undefined],
    ['2026-13', undefined],
    ['next month', undefined],
  ])('month %s → %s', (raw, month) => expect(parseMonth(raw)).toBe(month));

  test('dates: ISO, timestamps and month-first US dates; impossible dates refused', () => {
    expect(parseDate('2/5/2026')).toBe('2026-02-05');
    expect(parseDate('2026-02-05T10:11:12Z')).toBe('2026-02-05');
    expect(parseDate('2/30/2026')).toBeUndefined();
  });

  test('amounts with thousands separators and a dollar sign; empty is 0; text is refused', () => {
    expect(parseAmount('1,234,567.25')).toBe(1234567.25);
    expect(parseAmount(' $12 ')).toBe(12);
    expect(parseAmount('')).toBe(0);
    expect(parseAmount('12,34')).toBeUndefined();
    expect(parseAmount('n/a')).toBeUndefined();
  });
});

const AZURE_HEADER =
  'Month,Customer Tenant Id,customer_name,SERVICELEVEL1,ServiceLevel2,Service Level 3,ServiceLevel4,PartnerAttributionType,SalesChannel,IsACRDuplicateAtPGALevel,ACR_USD,MPNID,PartnerName,AdminType';

describe('Azure usage', () => {
  test('read by header name in any order and spelling; duplicates dropped and counted; ServiceLevel4 → 3 → 2', async () => {
    const csv = [
      AZURE_HEADER,
      '10/1/2026,t-1,Contoso,Security,Security,Azure Sentinel,Sentinel,Partner admin link,Direct,0,"1,200.50",4069001,Fabrikam Secure,Owner',
      '2026-10-01,t-1,Contoso,Security,Security,Azure Sentinel,Sentinel,CSP Tier 2,Indirect/CSP,1,"1,200.50",4069001,Fabrikam Secure,',
      '2026-09,t-2,,Security,Key Vault,Key Vault,Premium HSM keys,CSP,Indirect/CSP,0,10,4069001,Fabrikam Secure,',
      '2026-09,t-3,,Compute,Virtual Machines,Virtual Machines,General Purpose Virtual Machines,Transacting partner of record,Direct,false,99,4069001,Fabrikam Secure,',
      '2026-09,t-4,,,,,,PAL,Direct,0,5,4069001,Fabrikam Secure,',
    ].join('\r\n');
    const out = ok(await read([file('usage.csv', csv)]));
    expect(out.document.azureConsumption).toEqual([
      {
        customerTenantId: 't-1',
        customerName: 'Contoso',
        month: '2026-10',
        service: 'Sentinel',
        association: 'PAL',
        acrUsd: 1200.5,
      },
      // L4 names no security service, L3 does; a bare CSP takes its tier from SalesChannel.
      {
        customerTenantId: 't-2',
        month: '2026-09',
        service: 'Key Vault',
        association: 'CSP Tier2',
        acrUsd: 10,
      },
      // Nothing known: the most specific level, the attribution as written (scoring lists both as unknown).
      {
        customerTenantId: 't-3',
        month: '2026-09',
        service: 'General Purpose Virtual Machines',
        association: 'Transacting partner of record',
        acrUsd: 99,
      },
    ]);
    expect(out.files).toEqual([
      {
        file: 'usage.csv',
        report: 'azureUsage',
        rowsRead: 5,
        rowsUsed: 3,
        rowsSkipped: [
          { reason: expect.stringContaining('IsACRDuplicateAtPGALevel = 1'), rows: 1 },
          { reason: 'no service name (ServiceLevel1–4 empty)', rows: 1 },
        ],
      },
    ]);
    // The missing offer column is said once, by the import summary with the score's count of rows.
    expect(out.document.azureConsumption.every((row) => row.offer === undefined)).toBe(true);
    expect(out.notes.filter((note) => /offer/i.test(note))).toEqual([]);
  });

  test('a missing required column is a problem naming the file and the column; nothing is read', async () => {
    const csv = 'Month,CustomerTenantId,ServiceLevel4,PartnerAttributionType\n2026-10,t-1,Sentinel,PAL\n';
    expect(problems(await read([file('a.csv', csv)]))).toEqual([
      {
        file: 'a.csv',
        row: 1,
        column: 'ACR_USD (only Executive report viewers see ACR)',
        message: 'required column ACR_USD (only Executive report viewers see ACR) is missing',
      },
    ]);
  });

  test('bad values are problems with file, row (line) and column; every file is checked', async () => {
    const csv = [
      AZURE_HEADER,
      '2026-10,t-1,,,,,Sentinel,PAL,,0,12x,1,P,',
      '"someday",t-1,,,,,Sentinel,PAL,,0,1,1,P,',
    ].join('\n');
    const other = 'Foo,Bar\n1,2\n';
    expect(problems(await read([file('a.csv', csv), file('b.csv', other)]))).toEqual([
      {
        file: 'a.csv',
        row: 2,
        column: 'ACR_USD (only Executive report viewers see ACR)',
        message: '"12x" is not an amount of 0 or more in US dollars',
      },
      {
        file: 'a.csv',
        row: 3,
        column: 'Month',
        message: expect.stringContaining('"someday" is not a month'),
      },
      { file: 'b.csv', row: 1, message: expect.stringContaining('not a Partner Center download') },
    ]);
  });

  test('a file csv-parse cannot read is a problem with the file and the line; a stray quote inside a field is text', async () => {
    const header = 'CustomerTenantId,Month,ServiceLevel4,PartnerAttributionType,ACR_USD,CustomerName';
    const stray = `${header}\nt-1,2026-10,Sentinel,PAL,1,Margie"s Travel\n`;
    expect(ok(await read([file('a.csv', stray)])).document.azureConsumption[0]?.customerName).toBe(
      'Margie"s Travel',
    );
    const unclosed = `${header}\nt-1,2026-10,Sentinel,PAL,1,ok\nt-2,2026-10,Sentinel,PAL,1,"Coho\n`;
    expect(problems(await read([file('b.csv', unclosed)]))).toEqual([
      {
        file: 'b.csv',
        row: expect.any(Number),
        message: expect.stringContaining('not readable as CSV: Quote Not Closed'),
      },
    ]);
  });

  test('UTF-16LE with its byte order mark, UTF-8 with BOM, semicolons and tabs', async () => {
    const rows = (d: string) =>
      [
        ['Month', 'CustomerTenantId', 'ServiceLevel4', 'PartnerAttributionType', 'ACR_USD'],
        ['2026-10', 't-1', 'Azure Firewall', 'PAL', '7'],
      ]
        .map((r) => r.join(d))
        .join('\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows('\t'), 'utf16le')]);
    const out = ok(
      await read([file('a.txt', utf16), file('b.csv', `\ufeff${rows(';')}`), file('c.tsv', rows('\t'))]),
    );
    expect(out.document.azureConsumption.map((r) => [r.service, r.acrUsd])).toEqual([
      ['Azure Firewall', 7],
      ['Azure Firewall', 7],
      ['Azure Firewall', 7],
    ]);
  });
});

describe('Microsoft 365 reports', () => {
  test('Office 365 usage: workloads, paid and active units, attribution mapped, duplicates dropped', async () => {
    const csv = [
      'PGAPartnerID,customertenantid,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers,PartnerAttributionType,IsDuplicateRowForPGA,CustomerMarket',
      '4069001,t-1,Microsoft Defender for Office 365,2026-10,"1,200",300,Claiming partner of record,0,US',
      '4069001,t-1,Microsoft Defender for Office 365,2026-10,"1,200",300,CSP T1,1,US',
    ].join('\n');
    const out = ok(await read([file('o.csv', csv)]));
    expect(out.document.m365Licenses).toEqual([
      {
        customerTenantId: 't-1',
        month: '2026-10',
        workload: 'Microsoft Defender for Office 365',
        association: 'CPOR',
        paidLicenses: 1200,
        activeLicenses: 300,
      },
    ]);
    expect(out.files[0]).toMatchObject({ report: 'office365Usage', rowsRead: 2, rowsUsed: 1 });
  });

  test('EMS usage is un-pivoted: paid units summed over subscriptions, active users the largest (I-PC1)', async () => {
    const csv = [
      'SubscriptionId,CustomerTenantId,Month,PartnerAttributionType,AATPActiveUsage,MCASActiveUsage,AADPPaidAvailableUnits,AADPMonthlyActiveUsers,IntunePaidAvailableUnits,IntuneMonthlyActiveUsers',
      's-1,t-1,2026-10,CPOR,700,,100,80,,',
      's-2,t-1,2026-10,CPOR,650,,50,90,,',
      's-3,t-2,2026-10,CPOR,,,,,,',
    ].join('\n');
    const out = ok(await read([file('e.csv', csv)]));
    expect(out.document.m365Licenses).toEqual([
      {
        customerTenantId: 't-1',
        month: '2026-10',
        workload: 'Microsoft Entra ID P1',
        association: 'CPOR',
        paidLicenses: 150,
        activeLicenses: 90,
      },
    ]);
    expect(out.document.mau).toEqual([
      {
        customerTenantId: 't-1',
        month: '2026-10',
        product: 'Microsoft Entra ID Premium',
        association: 'CPOR',
        activeUsers: 90,
      },
      {
        customerTenantId: 't-1',
        month: '2026-10',
        product: 'Microsoft Defender for Identity',
        association: 'CPOR',
        activeUsers: 700,
      },
    ]);
    expect(out.files[0]).toMatchObject({
      report: 'emsUsage',
      rowsRead: 3,
      rowsUsed: 2,
      rowsSkipped: [{ reason: 'no EMS product with paid units or active users', rows: 1 }],
    });
  });

  test('CPOR-M365 usage: Date is the month, the association CPOR; rows feed licenses and MAU', async () => {
    const csv = [
      'CustomerTenantId,WorkloadName,MonthlyActiveUsers,PaidAvailableUnits,ClaimId,MpnId,DateAssociated,Date',
      't-1,Microsoft Defender for Identity,40,50,c-1,4069001,2025-01-01,10/1/2026',
    ].join('\n');
    const out = ok(await read([file('c.csv', csv)]));
    expect(out.document.m365Licenses).toEqual([
      {
        customerTenantId: 't-1',
        month: '2026-10',
        workload: 'Microsoft Defender for Identity',
        association: 'CPOR',
        paidLicenses: 50,
        activeLicenses: 40,
      },
    ]);
    expect(out.document.mau).toEqual([
      {
        customerTenantId: 't-1',
        month: '2026-10',
        product: 'Microsoft Defender for Identity',
        association: 'CPOR',
        activeUsers: 40,
      },
    ]);
  });
});

describe('trainings and certifications', () => {
  const HEADER =
    'TrainingTitle,TrainingType,IndividualFirstName,IndividualLastName,Email,CorpEmail,TrainingCompletionDate,ExpirationDate,ActivationStatus,MCPID,MpnId';
  test('titles mapped with the rule set, a bare exam code read, unknown titles listed not guessed; person id MCPID > CorpEmail > Email', async () => {
    const csv = [
      HEADER,
      'Microsoft Certified: Security Operations Analyst Associate,Certification,Ada,Lovelace,ada@x.example,Ada@Fabrikam.example,2026-01-05,2027-01-05,Active,111,4069001',
      'Exam SC-300: Microsoft Identity and Access Administrator,Exam,Bo,,bo@x.example,Bo@Fabrikam.example,3/4/2026,,Active,,4069001',
      'Microsoft Certified: Azure Administrator Associate,Certification,Cy,,Cy@x.example,,2026-01-01,,Active,,4069001',
      'Microsoft Certified: Azure Administrator Associate,Certification,Di,,,,2026-01-01,,Active,,4069001',
      'Microsoft Certified: Identity and Access Administrator Associate,Certification,Ed,,Ed@x.example,,2026-02-01T00:00:00Z,,Active,,',
    ].join('\n');
    const out = ok(await read([file('t.csv', csv)]));
    expect(out.document.certifications).toEqual([
      {
        personId: '111',
        personName: 'Ada Lovelace',
        exam: 'SC-200',
        earned: '2026-01-05',
        expires: '2027-01-05',
      },
      { personId: 'bo@fabrikam.example', personName: 'Bo', exam: 'SC-300', earned: '2026-03-04' },
      { personId: 'ed@x.example', personName: 'Ed', exam: 'SC-300', earned: '2026-02-01' },
    ]);
    expect(out.unknownTitles).toEqual([
      { title: 'Microsoft Certified: Azure Administrator Associate', rows: 2 },
    ]);
  });

  test('I-PC2: a certification associated with another partner ID is kept with associated: false', async () => {
    const csv = [
      HEADER,
      'Microsoft Certified: Cybersecurity Architect Expert,Certification,Al,,,,2026-01-05,,Active,7,555',
    ].join('\n');
    const out = ok(await read([file('t.csv', csv)]));
    expect(out.document.certifications).toEqual([
      expect.objectContaining({ personId: '7', exam: 'SC-100', associated: false }),
    ]);
    expect(out.files[0]?.rowsSkipped).toEqual([]);
  });
});

describe('the partner', () => {
  const azure = (id: string, name: string) =>
    `CustomerTenantId,Month,ServiceLevel4,PartnerAttributionType,ACR_USD,MPNID,PartnerName\nt-1,2026-10,Sentinel,PAL,1,${id},${name}\n`;

  test('from the files when nothing else gives it; files naming two partners are a problem', async () => {
    expect(
      ok(await read([file('a.csv', azure('4069001', 'Fabrikam Secure'))], null)).document.partner,
    ).toEqual({
      partnerId: '4069001',
      name: 'Fabrikam Secure',
    });
    expect(
      problems(
        await read([file('a.csv', azure('4069001', 'F')), file('b.csv', azure('4000002', 'G'))], null),
      ),
    ).toEqual([{ file: '(all files)', message: expect.stringContaining('a.csv: 4069001; b.csv: 4000002') }]);
  });

  test('none anywhere: a problem saying how to give it', async () => {
    const csv =
      'CustomerTenantId,Month,ServiceLevel4,PartnerAttributionType,ACR_USD\nt-1,2026-10,Sentinel,PAL,1\n';
    expect(problems(await read([file('a.csv', csv)], null))[0]?.message).toContain('--partner-id');
  });

  test('the partner-info file gives the partner, asOf, designation and specializations; the context wins over it', async () => {
    const info = [
      'partner: { partnerId: "4069001", name: Fabrikam Secure, tenantId: 9a1c0d3e-0000-4000-8000-000000000001 }',
      'asOf: 2026-11-01',
      'designation: { enrolled: true, anniversary: 2027-03-01 }',
      'specializations:',
      '  - { name: Threat Protection, anniversary: 2027-05-01 }',
    ].join('\n');
    const out = ok(await read([file('info.yaml', info), file('a.csv', azure('4069001', 'X'))], null));
    expect(out.document).toMatchObject({
      asOf: '2026-11-01',
      partner: {
        partnerId: '4069001',
        name: 'Fabrikam Secure',
        tenantId: '9a1c0d3e-0000-4000-8000-000000000001',
      },
      designation: { enrolled: true, anniversary: '2027-03-01' },
      specializations: [{ name: 'Threat Protection', anniversary: '2027-05-01' }],
    });
    const given = ok(
      await read([file('info.yaml', info), file('a.csv', azure('4069001', 'X'))], {
        partnerId: '4000777',
        name: 'Sender Partner',
      }),
    );
    expect(given.document.partner).toEqual({ partnerId: '4000777', name: 'Sender Partner' });
    expect(given.notes).toContain('a.csv names partner ID 4069001, not 4000777');
    expect(out.notes.filter((n) => n.includes('names partner ID'))).toEqual([]);
  });

  test("in Teams (refuseOtherPartnersFiles) another partner's downloads are refused, the partner's own are read", async () => {
    const sender = { partnerId: '4000777', name: 'Sender Partner' };
    const refused = await readPartnerCenterFiles([file('a.csv', azure('4069001', 'X'))], {
      asOf: '2026-11-20',
      partner: sender,
      refuseOtherPartnersFiles: true,
    });
    expect(problems(refused)).toEqual([
      {
        file: 'a.csv',
        message: "these are partner 4069001's downloads, not 4000777 Sender Partner's: nothing was imported",
      },
    ]);
    // A partner-info file of another partner too: its dates must not become the sender's.
    const info =
      'partner: { partnerId: "4069001", name: Fabrikam Secure }\ndesignation: { enrolled: true, anniversary: 2027-03-01 }';
    const infoRefused = await readPartnerCenterFiles([file('info.yaml', info)], {
      asOf: '2026-11-20',
      partner: sender,
      refuseOtherPartnersFiles: true,
    });
    expect(problems(infoRefused)).toEqual([
      {
        file: 'info.yaml',
        message: "these are partner 4069001's downloads, not 4000777 Sender Partner's: nothing was imported",
      },
    ]);
    const own = await readPartnerCenterFiles([file('a.csv', azure('4000777', 'Sender Partner'))], {
      asOf: '2026-11-20',
      partner: sender,
      refuseOtherPartnersFiles: true,
    });
    expect(ok(own).document.partner).toEqual(sender);
  });

  test('the partner-info file carries each specialization audit and the Applied Skills (2026 rules)', async () => {
    const info = [
      'specializations:',
      '  - name: Data Security',
      '    firstAwarded: 2025-10-01',
      '    anniversary: 2026-10-01',
      '    audit: { module: Module A, result: No Pass, auditDate: 2026-09-14, gapReviewDate: 2026-09-20 }',
      'appliedSkills:',
      '  - { personId: p-1, name: Secure data with Microsoft Purview, earned: 2026-05-02 }',
    ].join('\n');
    const out = ok(await read([file('info.yaml', info), file('a.csv', azure('4069001', 'X'))]));
    expect(out.document.specializations).toEqual([
      {
        name: 'Data Security',
        firstAwarded: '2025-10-01',
        anniversary: '2026-10-01',
        audit: {
          module: 'Module A',
          result: 'No Pass',
          auditDate: '2026-09-14',
          gapReviewDate: '2026-09-20',
        },
      },
    ]);
    expect(out.document.appliedSkills).toEqual([
      { personId: 'p-1', name: 'Secure data with Microsoft Purview', earned: '2026-05-02' },
    ]);
    const bad =
      'specializations:\n  - { name: Cloud Security, audit: { module: A, result: Passed, auditDate: 2026-09-14 } }';
    expect(problems(await read([file('info.yaml', bad)]))).toEqual([
      expect.objectContaining({ file: 'info.yaml', column: 'specializations.0.audit.result' }),
    ]);
  });

  test('a wrong partner-info file: each problem with the file and the field', async () => {
    const info =
      'partner: { partnerId: abc, name: X }\ndesignation: { enrolled: yes-please }\ncolour: blue\n';
    expect(problems(await read([file('info.yml', info)]))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'info.yml', column: 'partner.partnerId' }),
        expect.objectContaining({ file: 'info.yml', column: 'designation.enrolled' }),
        expect.objectContaining({
          file: 'info.yml',
          column: 'colour',
          message: expect.stringContaining('unknown field colour'),
        }),
      ]),
    );
  });
});

describe('zip files', () => {
  function zip(entries: Record<string, string>): Promise<Buffer> {
    const z = new yazl.ZipFile();
    for (const [name, text] of Object.entries(entries)) z.addBuffer(Buffer.from(text), name);
    z.end();
    const parts: Buffer[] = [];
    return new Promise((resolve, reject) => {
      z.outputStream.on('data', (d: Buffer) => parts.push(d));
      z.outputStream.on('end', () => resolve(Buffer.concat(parts)));
      z.outputStream.on('error', reject);
    });
  }

  test('the files of a zip are read like loose files; folders and macOS metadata are left out', async () => {
    const bytes = await zip({
      'reports/azure.csv':
        'CustomerTenantId,Month,ServiceLevel4,PartnerAttributionType,ACR_USD\nt-1,2026-10,Sentinel,PAL,3\n',
      '__MACOSX/reports/._azure.csv': 'junk',
    });
    const files = await filesFromZip('drop.zip', bytes);
    expect(files.map((f) => f.name)).toEqual(['drop.zip/reports/azure.csv']);
    const out = ok(await read(files));
    expect(out.document.azureConsumption).toHaveLength(1);
    expect(out.files[0]?.file).toBe('drop.zip/reports/azure.csv');
  });

  test('a file that is not a zip is refused with its name', async () => {
    await expect(filesFromZip('drop.zip', Buffer.from('<html>sharing link</html>'))).rejects.toThrow(
      ZipReadError,
    );
    await expect(filesFromZip('drop.zip', Buffer.from('<html>'))).rejects.toThrow(
      /^drop\.zip: not a zip file/,
    );
  });
});
