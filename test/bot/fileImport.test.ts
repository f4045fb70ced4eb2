import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buffer, text } from 'node:stream/consumers';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { ZipFile } from 'yazl';
import {
  FILE_DOWNLOAD_INFO,
  FileImport,
  type DatasetImporter,
  type FileImportDependencies,
  type PartnerCenterReader,
} from '../../bot/conversation/fileImport';
import { downloadToFile, type DownloadPolicy } from '../../bot/import/download';
import { importDataset, type ImportSummary } from '../../bot/import/importDataset';
import {
  filesFromZip,
  readPartnerCenterFiles,
  type ReadContext,
  type ReadOutcome,
} from '../../bot/import/partnerCenter';
import { createLogger } from '../../bot/log';
import { PartnerScoreBot, type PartnerDirectory } from '../../bot/teamsBot';
import type { AdaptiveCard } from '../../cards/render';
import type { PartnerDataset } from '../../scoring';
import { ignoredConversations, noReminders, registration as registrationOf } from './fakes';
import { demo, embeddedStore, repositories, silentLog } from './store-helpers';

/**
 * Issue 12: files dropped into the personal chat. The bot with the real FileImport flow and the real
 * downloader against a local HTTP server; the readers, the importer and the proactive replies are
 * simple fakes of our own interfaces (the last describe uses the real readers and the real import on
 * the embedded store).
 */

const FIXTURES = path.resolve(__dirname, '../fixtures/partner-center');

/** What the local "SharePoint" serves, by path; and every path it was asked for. */
const served = new Map<string, { body: Buffer; type: string }>();
const requested: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requested.push(url.pathname);
    const file = served.get(url.pathname);
    if (!file) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  served.clear();
  requested.length = 0;
});

const serve = (name: string, body: string | Buffer, type = 'application/octet-stream'): string => {
  served.set(`/${name}`, { body: Buffer.from(body), type });
  return `${base}/${name}?tempauth=x`;
};

const registration = (partnerId: string, name: string) =>
  registrationOf(partnerId, name, { tenantIds: [`tenant-${partnerId}`] });
const directory: PartnerDirectory = {
  partnerForTenant: async (tenantId) =>
    ({ 'tenant-contoso': '4012345', 'tenant-northwind': '4056789' })[tenantId],
  get: async (partnerId) =>
    ({
      '4012345': registration('4012345', 'Contoso Security Ltd'),
      '4056789': registration('4056789', 'Northwind Cyber'),
    })[partnerId],
};

const policy: DownloadPolicy = {
  hosts: ['*.sharepoint.com'],
  allowLoopbackHttp: true,
  maxBytes: 2_000,
  timeoutMs: 5_000,
};

const summary: ImportSummary = {
  partnerId: '4012345',
  partnerName: 'Contoso Security Ltd',
  versionId: 'v2',
  rows: { azure: 1, m365: 0, mau: 0, certifications: 0 },
  chunks: 2,
  unknownNames: { services: {}, workloads: {}, associations: {} },
  clampedRows: 0,
  rowsWithoutOffer: 0,
  excludedRows: { azure: {}, m365: {} },
  servicesLeftList: [],
  headline: { versionId: 'v2', asOf: '2026-12-06', path: 'smb', total: 82, qualified: true },
  previous: { versionId: 'v1', asOf: '2026-11-22', path: 'smb', total: 74.5, qualified: true },
  current: true,
  unchanged: false,
  deletedVersions: [],
};

/** The dataset a fake reader returns: the partner it was given, one Azure row. */
const documentFor = (context: ReadContext): PartnerDataset => ({
  schemaVersion: 1,
  asOf: context.asOf,
  partner: context.partner!,
  azureConsumption: [
    {
      customerTenantId: 'c-1',
      month: '2026-11',
      service: 'Microsoft Sentinel',
      association: 'PAL',
      acrUsd: 100,
    },
  ],
  m365Licenses: [],
  certifications: [],
});

interface Harness {
  adapter: TestAdapter;
  fileImport: FileImport;
  /** Files the reader was given, with their text, and the context. */
  reads: { files: { name: string; text: string }[]; context: ReadContext }[];
  imports: PartnerDataset[];
  /** Cards sent to the conversation after the turn. */
  sent: AdaptiveCard[];
  logs: { level: number; msg: string }[];
}

function harness(
  over: {
    read?: (context: ReadContext) => Promise<ReadOutcome>;
    reader?: Partial<PartnerCenterReader>;
    importer?: DatasetImporter;
    deps?: Partial<FileImportDependencies>;
  } = {},
): Harness {
  const h: Omit<Harness, 'adapter' | 'fileImport'> = { reads: [], imports: [], sent: [], logs: [] };
  const log = createLogger({
    name: 'test',
    level: 'info',
    destination: { write: (line: string) => h.logs.push(JSON.parse(line) as { level: number; msg: string }) },
  });
  const fileImport = new FileImport({
    directory,
    currentAsOf: async () => '2026-11-22',
    reader: {
      read: async (files, context) => {
        h.reads.push({
          files: await Promise.all(files.map(async (f) => ({ name: f.name, text: await text(f.open()) }))),
          context,
        });
        return over.read
          ? over.read(context)
          : {
              ok: true,
              document: documentFor(context),
              files: files.map((f) => ({
                file: f.name,
                report: 'azureUsage',
                rowsRead: 1,
                rowsUsed: 1,
                rowsSkipped: [],
              })),
              unknownTitles: [],
              notes: [],
            };
      },
      unzip: filesFromZip,
      ...over.reader,
    },
    downloader: { download: (url, target) => downloadToFile(url, target, policy) },
    importer: over.importer ?? {
      import: async (document) => {
        h.imports.push(document);
        return { ok: true, summary };
      },
    },
    replies: {
      send: async (_reference, card) => {
        h.sent.push(card);
      },
    },
    policy,
    log,
    today: () => '2026-12-06',
    ...over.deps,
  });
  const bot = new PartnerScoreBot({
    directory,
    scores: {
      current: async () => undefined,
      findCustomers: async () => [],
      allCustomers: async () => [],
    },
    conversations: ignoredConversations,
    log,
    today: () => '2026-12-06',
    reminders: noReminders,
    fileDrops: fileImport,
  });
  const adapter = new TestAdapter(async (context) => bot.run(context), {
    channelId: 'msteams',
  } as Partial<Activity>);
  return { ...h, adapter, fileImport };
}

function drop(
  files: { name: string; url: string }[],
  { user = 'admin-oid', conversationType = 'personal', tenant = 'tenant-contoso' } = {},
): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    channelData: { tenant: { id: tenant } },
    from: { id: 'u1', name: 'Admin', aadObjectId: user },
    conversation: { id: 'personal-1', conversationType, isGroup: false, name: '' },
    attachments: files.map((f) => ({
      contentType: FILE_DOWNLOAD_INFO,
      name: f.name,
      contentUrl: `https://contoso-my.sharepoint.com/personal/admin/Documents/${f.name}`,
      content: { downloadUrl: f.url, uniqueId: 'B2D5F3B0-0000-4000-8000-000000000001', fileType: 'csv' },
    })),
  };
}

interface CardShape {
  body: { type: string; text?: string; items?: { text?: string }[] }[];
}
const titleOf = (card: unknown): string | undefined => (card as CardShape).body[0]?.text;
const replyCard = (activity: Partial<Activity>): AdaptiveCard =>
  activity.attachments?.[0]?.content as AdaptiveCard;
const json = (card: unknown): string => JSON.stringify(card);

describe('who may import', () => {
  test('a registered admin: acknowledged at once, then the summary with the score change', async () => {
    const h = harness();
    const a = serve('azure.csv', 'CustomerTenantId,Month\nc-1,2026-11\n', 'text/csv');
    const b = serve('trainings.csv', 'TrainingTitle\nSC-200\n', 'text/csv');
    await h.adapter
      .send(
        drop([
          { name: 'azure.csv', url: a },
          { name: 'trainings.csv', url: b },
        ]),
      )
      .assertReply((reply) => {
        expect(titleOf(replyCard(reply))).toBe('Importing 2 files for Contoso Security Ltd…');
        expect(json(replyCard(reply))).toContain('azure.csv, trainings.csv');
      });
    await h.fileImport.idle();
    expect(h.reads).toEqual([
      {
        files: [
          { name: 'azure.csv', text: 'CustomerTenantId,Month\nc-1,2026-11\n' },
          { name: 'trainings.csv', text: 'TrainingTitle\nSC-200\n' },
        ],
        // Today at the clock edge; the sender's partner, never one from the files, whose own
        // downloads only are accepted.
        context: {
          asOf: '2026-12-06',
          partner: { partnerId: '4012345', name: 'Contoso Security Ltd', tenantId: 'tenant-contoso' },
          refuseOtherPartnersFiles: true,
        },
      },
    ]);
    expect(h.imports).toHaveLength(1);
    expect(h.sent.map(titleOf)).toEqual(['Imported 2 files for Contoso Security Ltd']);
    expect(json(h.sent[0])).toContain('Now: SMB path 82 / 100 · qualified (▲ 7.50)');
    expect(json(h.sent[0])).toContain('"verb":"score"');
  });

  test('not an admin: told who can import, nothing downloaded, read or stored', async () => {
    const h = harness();
    const a = serve('azure.csv', 'x', 'text/csv');
    await h.adapter
      .send(drop([{ name: 'azure.csv', url: a }], { user: 'someone-else' }))
      .assertReply((reply) => {
        expect(titleOf(replyCard(reply))).toBe(
          "Only Contoso Security Ltd's registered admins can import data",
        );
        expect(json(replyCard(reply))).toContain('your Entra object id: someone-else');
      });
    await h.fileImport.idle();
    expect([requested, h.reads, h.imports, h.sent]).toEqual([[], [], [], []]);
  });

  test('an unknown tenant gets the not-connected card; a group chat is told to use the personal chat', async () => {
    const h = harness();
    const url = serve('azure.csv', 'x');
    await h.adapter
      .send({ ...drop([{ name: 'azure.csv', url }]), channelData: { tenant: { id: 'tenant-stranger' } } })
      .assertReply((reply) =>
        expect(titleOf(replyCard(reply))).toBe("This organization isn't connected to Partner Score Bot"),
      );
    await h.adapter
      .send(drop([{ name: 'azure.csv', url }], { conversationType: 'groupChat' }))
      .assertReply((reply) =>
        expect(titleOf(replyCard(reply))).toBe('Drop the files in your personal chat with me'),
      );
    expect(requested).toEqual([]);
  });
});

describe('what is refused before anything is downloaded', () => {
  test('a link outside the allowed hosts, a non-https link and an unsupported file type: one problems card', async () => {
    const h = harness();
    await h.adapter
      .send(
        drop([
          { name: 'azure.csv', url: 'https://evil.example/azure.csv' },
          { name: 'office.csv', url: 'http://contoso.sharepoint.com/office.csv' },
          { name: 'report.xlsx', url: serve('report.xlsx', 'x') },
        ]),
      )
      .assertReply((reply) => {
        const card = json(replyCard(reply));
        expect(titleOf(replyCard(reply))).toBe('Nothing imported: 3 problems in the files');
        expect(card).toContain(
          'azure.csv: files are only downloaded from *.sharepoint.com (FILE_DOWNLOAD_HOSTS), not from evil.example',
        );
        expect(card).toContain('office.csv: the download link is not https (http)');
        expect(card).toContain('report.xlsx: .xlsx files are not read');
        expect(card).toContain(
          'The current data (Partner Center data of 22 Nov 2026) and its score are unchanged.',
        );
      });
    await h.fileImport.idle();
    expect([requested, h.reads, h.imports, h.sent]).toEqual([[], [], [], []]);
  });

  test("an attachment whose file information is not Teams' shape is named, not trusted", async () => {
    const h = harness();
    await h.adapter
      .send({
        ...drop([]),
        attachments: [{ contentType: FILE_DOWNLOAD_INFO, name: 'azure.csv', content: { downloadUrl: 42 } }],
      })
      .assertReply((reply) => {
        expect(titleOf(replyCard(reply))).toBe('Nothing imported: 1 problem in the files');
        expect(json(replyCard(reply))).toContain(
          "attachment 1: Teams' file information is not readable (content.downloadUrl",
        );
      });
  });
});

describe('the import job', () => {
  test('a file over the size limit: the problems card follows the acknowledgement; nothing read or stored', async () => {
    const h = harness();
    const url = serve('azure.csv', 'x'.repeat(5_000), 'text/csv');
    await h.adapter
      .send(drop([{ name: 'azure.csv', url }]))
      .assertReply((reply) =>
        expect(titleOf(replyCard(reply))).toBe('Importing 1 file for Contoso Security Ltd…'),
      );
    await h.fileImport.idle();
    expect(h.sent.map(titleOf)).toEqual(['Nothing imported: 1 problem in the files']);
    expect(json(h.sent[0])).toContain('azure.csv: is larger than 2,000 bytes (FILE_IMPORT_MAX_MB)');
    expect([h.reads, h.imports]).toEqual([[], []]);
  });

  test('a zip: its files are read like dropped ones; a broken zip is a problem', async () => {
    const h = harness();
    const zip = new ZipFile();
    zip.addBuffer(Buffer.from('CustomerTenantId\nc-1\n'), 'azure.csv');
    zip.addBuffer(Buffer.from('TrainingTitle\nSC-200\n'), 'exports/trainings.csv');
    zip.end();
    const bytes = await buffer(zip.outputStream);
    const url = serve('downloads.zip', bytes, 'application/zip');
    await h.adapter.send(drop([{ name: 'downloads.zip', url }])).assertReply(() => undefined);
    await h.fileImport.idle();
    expect(h.reads[0]?.files).toEqual([
      { name: 'downloads.zip/azure.csv', text: 'CustomerTenantId\nc-1\n' },
      { name: 'downloads.zip/exports/trainings.csv', text: 'TrainingTitle\nSC-200\n' },
    ]);
    expect(h.imports).toHaveLength(1);

    const broken = harness();
    await broken.adapter
      .send(drop([{ name: 'broken.zip', url: serve('broken.zip', 'not a zip at all') }]))
      .assertReply(() => undefined);
    await broken.fileImport.idle();
    expect(broken.sent.map(titleOf)).toEqual(['Nothing imported: 1 problem in the files']);
    expect(json(broken.sent[0])).toContain('broken.zip: not a zip file that can be read');
    expect(broken.imports).toEqual([]);
  });

  test("the readers' problems (file, row, column) go on the card; nothing is imported", async () => {
    const h = harness({
      read: async () => ({
        ok: false,
        problems: [
          { file: 'azure.csv', row: 7, column: 'Month', message: '"13/2026" is not a month' },
          {
            file: 'azure.csv',
            column: 'ACR_USD (only Executive report viewers see ACR)',
            message: 'is missing',
          },
        ],
      }),
    });
    await h.adapter
      .send(drop([{ name: 'azure.csv', url: serve('azure.csv', 'x') }]))
      .assertReply(() => undefined);
    await h.fileImport.idle();
    expect(h.sent.map(titleOf)).toEqual(['Nothing imported: 2 problems in the files']);
    expect(json(h.sent[0])).toContain('azure.csv, row 7, column Month: \\"13/2026\\" is not a month');
    expect(json(h.sent[0])).toContain(
      'azure.csv, column ACR_USD (only Executive report viewers see ACR): is missing',
    );
    expect(h.imports).toEqual([]);
  });

  test("a dataset naming another partner is refused: a user only changes their own partner's data", async () => {
    const h = harness({
      read: async (context) => ({
        ok: true,
        document: { ...documentFor(context), partner: { partnerId: '4056789', name: 'Northwind Cyber' } },
        files: [],
        unknownTitles: [],
        notes: [],
      }),
    });
    await h.adapter
      .send(drop([{ name: 'dataset.json', url: serve('dataset.json', '{}') }]))
      .assertReply(() => undefined);
    await h.fileImport.idle();
    expect(json(h.sent[0])).toContain('column partner.partnerId: is 4056789, not 4012345');
    expect(h.imports).toEqual([]);
  });

  test('one import at a time per partner: a second drop meanwhile is told so and not imported', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const h = harness({
      read: async (context) => {
        await gate;
        return { ok: true, document: documentFor(context), files: [], unknownTitles: [], notes: [] };
      },
    });
    const url = serve('azure.csv', 'a', 'text/csv');
    await h.adapter
      .send(drop([{ name: 'azure.csv', url }]))
      .assertReply((reply) => expect(titleOf(replyCard(reply))).toMatch(/^Importing 1 file/));
    await h.adapter
      .send(drop([{ name: 'azure.csv', url }]))
      .assertReply((reply) =>
        expect(titleOf(replyCard(reply))).toBe('An import for Contoso Security Ltd is already running'),
      );
    release();
    await h.fileImport.idle();
    expect(h.imports).toHaveLength(1);
    // Once it has finished, the next drop is imported.
    await h.adapter.send(drop([{ name: 'azure.csv', url }])).assertReply(() => undefined);
    await h.fileImport.idle();
    expect(h.imports).toHaveLength(2);
  });

  test('imports of different partners wait for a free slot (importsAtOnce), each is acknowledged at once', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let contosoReading: () => void = () => undefined;
    const contosoRead = new Promise<void>((resolve) => (contosoReading = resolve));
    const h = harness({
      read: async (context) => {
        if (context.partner?.partnerId === '4012345') {
          contosoReading();
          await gate;
        }
        return { ok: true, document: documentFor(context), files: [], unknownTitles: [], notes: [] };
      },
      deps: { importsAtOnce: 1 },
    });
    await h.adapter
      .send(drop([{ name: 'contoso.csv', url: serve('contoso.csv', 'a') }]))
      .assertReply((reply) =>
        expect(titleOf(replyCard(reply))).toBe('Importing 1 file for Contoso Security Ltd…'),
      );
    await h.adapter
      .send(
        drop([{ name: 'northwind.csv', url: serve('northwind.csv', 'b') }], { tenant: 'tenant-northwind' }),
      )
      .assertReply((reply) =>
        expect(titleOf(replyCard(reply))).toBe('Importing 1 file for Northwind Cyber…'),
      );
    // While Contoso's import holds the only slot (it is reading its files), Northwind's are not even fetched.
    await contosoRead;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requested).toEqual(['/contoso.csv']);
    release();
    await h.fileImport.idle();
    expect(requested).toEqual(['/contoso.csv', '/northwind.csv']);
    expect(h.imports.map((d) => d.partner.name)).toEqual(['Contoso Security Ltd', 'Northwind Cyber']);
  });

  test('a failure of the bot itself is logged and reported with a reference, and the partner is free again', async () => {
    const h = harness({
      importer: {
        import: async () => {
          throw new Error('store unavailable');
        },
      },
    });
    await h.adapter
      .send(drop([{ name: 'azure.csv', url: serve('azure.csv', 'a') }]))
      .assertReply(() => undefined);
    await h.fileImport.idle();
    expect(h.sent.map(titleOf)).toEqual(['The import for Contoso Security Ltd failed']);
    const failure = h.logs.find((l) => l.msg === 'file import failed') as
      { correlationId?: string } | undefined;
    expect(failure?.correlationId).toBeDefined();
    expect(json(h.sent[0])).toContain(failure!.correlationId!);
    await h.adapter
      .send(drop([{ name: 'azure.csv', url: serve('azure.csv', 'a') }]))
      .assertReply((reply) => expect(titleOf(replyCard(reply))).toMatch(/^Importing 1 file/));
    await h.fileImport.idle();
  });
});

describe('against the embedded store: the real readers and the safe import', () => {
  const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
  const DROPPED = ['azure-usage.csv', 'office365-usage.csv', 'trainings.csv', 'partner-info.yaml'];

  test('the import really happens; bad files afterwards leave that data intact', async () => {
    const store = await embeddedStore();
    try {
      const repos = repositories(store);
      // Contoso's demo data is current (SMB 82) before the drop.
      const seeded = await importDataset(repos.deps(), {
        document: demo('contoso-security'),
        source: 'demo',
      });
      if (!seeded.ok) throw new Error('demo dataset rejected');
      const importer: DatasetImporter = {
        import: (document, source) => importDataset(repos.deps(), { document, source, register: false }),
      };
      const h = harness({
        reader: { read: readPartnerCenterFiles },
        importer,
        deps: {
          downloader: {
            download: (url, target) => downloadToFile(url, target, { ...policy, maxBytes: 1 << 20 }),
          },
          directory: repos.partners,
          currentAsOf: async (id) => (await repos.versions.currentHead(id))?.head.asOf,
          log: silentLog,
        },
      });
      await repos.partners.register({
        partnerId: '4012345',
        name: 'Contoso Security Ltd',
        adminObjectIds: ['admin-oid'],
        tenantIds: ['tenant-contoso'],
      });
      await h.adapter
        .send(drop(DROPPED.map((name) => ({ name, url: serve(name, fixture(name), 'text/csv') }))))
        .assertReply((reply) =>
          expect(titleOf(replyCard(reply))).toBe('Importing 4 files for Contoso Security Ltd…'),
        );
      await h.fileImport.idle();
      const summaryCard = json(h.sent[0]);
      expect(titleOf(h.sent[0])).toBe('Imported 4 files for Contoso Security Ltd');
      expect(summaryCard).toContain('Before: SMB path 82 / 100 · qualified (data of 2026-11-22)');
      expect(summaryCard).toContain('Now: SMB path 85.33 / 100 · qualified (▲ 3.33)');
      expect(summaryCard).toContain(
        'azure-usage.csv (Azure usage): 154 rows read, 153 used — skipped: 1 row duplicate of another attribution in the same global account (IsACRDuplicateAtPGALevel = 1)',
      );
      expect(summaryCard).toContain('1 Azure row ($300.00): partner association type not eligible');
      expect(summaryCard).toContain(
        'Training title \\"Microsoft Certified: Quantum Security Wizard\\" (1 row)',
      );
      const current = await repos.versions.currentHead('4012345');
      expect(current?.versionId).not.toBe(seeded.summary.versionId);
      expect(current?.head.paths.smb.total).toBe(85.33);
      const version = await repos.versions.version('4012345', current!.versionId);
      expect(version?.source).toBe(DROPPED.join(', '));

      // A file without its ACR column: the problems card; the data just imported stays current.
      const broken = fixture('azure-usage.csv').replace(',ACR_USD', ',Amount');
      await h.adapter
        .send(drop([{ name: 'azure-usage.csv', url: serve('azure-usage.csv', broken, 'text/csv') }]))
        .assertReply(() => undefined);
      await h.fileImport.idle();
      expect(titleOf(h.sent[1])).toMatch(/^Nothing imported: 1 problem/);
      expect(json(h.sent[1])).toContain(
        'azure-usage.csv, row 1, column ACR_USD (only Executive report viewers see ACR): required column',
      );
      expect(json(h.sent[1])).toContain(
        'The current data (Partner Center data of 22 Nov 2026) and its score are unchanged.',
      );
      const after = await repos.versions.currentHead('4012345');
      expect(after?.versionId).toBe(current?.versionId);
      expect(after?.head).toEqual(current?.head);
      expect((await repos.versions.versions('4012345')).length).toBe(2);
    } finally {
      await store.close();
    }
  }, 60_000);
});
