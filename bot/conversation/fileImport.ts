import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { z } from 'zod';
import { importProblemsCard } from '../../cards/importProblems';
import { importSummaryCard } from '../../cards/importSummary';
import {
  filesInPersonalChatModel,
  importBusyModel,
  importFailedModel,
  importStartedModel,
  messageCard,
  notConnectedModel,
  notImportAdminModel,
} from '../../cards/message';
import type { AdaptiveCard } from '../../cards/render';
import type { PartnerDataset } from '../../scoring';
import type { ImportOutcome } from '../import/importDataset';
import { DownloadError, downloadUrlProblem, type DownloadPolicy } from '../import/download';
import {
  ZipReadError,
  type FileProblem,
  type ReadContext,
  type ReadOutcome,
  type SourceFile,
} from '../import/partnerCenter';
import type { Logger } from '../log';
import type { Registration } from '../store/documents';

/**
 * Partner Center downloads dropped into the bot's personal chat → a new dataset version. Teams-free:
 * the activity handler passes the sender, the conversation reference and the attachments; this module
 * checks who may import, refuses links and files it will not read before anything is fetched,
 * acknowledges at once, and runs the import as a tracked job (one per partner at a time) whose
 * outcome — summary, problems, or a failure with a reference — is sent to the conversation.
 */

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** Extensions the readers take; a zip is opened and its entries read the same way. */
const READABLE = new Set(['csv', 'tsv', 'yaml', 'yml', 'json']);
/** Attachments read from one message: Teams sends one per file dropped together. */
const MAX_FILES = 20;

/** Teams' attachment for a file the user dropped: untrusted, like every activity payload. */
const fileAttachmentSchema = z.object({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().trim().min(1).max(260),
  content: z.object({
    downloadUrl: z.string().min(1).max(8_192),
    uniqueId: z.string().max(200).optional(),
    fileType: z.string().max(40).optional(),
  }),
});

export interface DroppedFile {
  readonly name: string;
  readonly downloadUrl: string;
  /** Lower-case extension without the dot, from the name (else Teams' fileType). */
  readonly extension: string;
}

export interface Drop {
  readonly files: readonly DroppedFile[];
  readonly problems: readonly FileProblem[];
}

/** The file attachments of a message, or undefined when it has none (an ordinary question). */
export function dropOf(attachments: unknown): Drop | undefined {
  if (!Array.isArray(attachments)) return undefined;
  const candidates = attachments.filter(
    (a: unknown) => (a as { contentType?: unknown } | null)?.contentType === FILE_DOWNLOAD_INFO,
  );
  if (candidates.length === 0) return undefined;
  const files: DroppedFile[] = [];
  const problems: FileProblem[] = [];
  candidates.slice(0, MAX_FILES).forEach((candidate: unknown, index) => {
    const parsed = fileAttachmentSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({
        file: `attachment ${index + 1}`,
        message: `Teams' file information is not readable (${issue?.path.join('.') || 'attachment'}: ${issue?.message ?? 'invalid'}): drop the file again`,
      });
      return;
    }
    const { name, content } = parsed.data;
    const fromName = path.extname(name).slice(1).toLowerCase();
    files.push({
      name,
      downloadUrl: content.downloadUrl,
      extension: fromName || (content.fileType ?? '').toLowerCase(),
    });
  });
  if (candidates.length > MAX_FILES)
    problems.push({
      file: `${candidates.length} files`,
      message: `at most ${MAX_FILES} files at once: put them in a zip`,
    });
  return { files, problems };
}

/** The Partner Center readers (bot/import/partnerCenter): our small interface, wired in bot/index.ts. */
export interface PartnerCenterReader {
  read(files: readonly SourceFile[], context: ReadContext): Promise<ReadOutcome>;
  /** The files in a zip; a ZipReadError for one that cannot be read (named on the problems card). */
  unzip(name: string, bytes: Buffer): Promise<SourceFile[]>;
}

const withoutPrefix = (text: string, prefix: string): string =>
  text.startsWith(prefix) ? text.slice(prefix.length) : text;

/** Downloads a dropped file's link into a local file (bot/import/download.ts); throws a DownloadError. */
export interface FileDownloader {
  download(url: string, target: string): Promise<number>;
}

/** The safe import (bot/import/importDataset.ts) of a dataset for an already registered partner. */
export interface DatasetImporter {
  import(document: PartnerDataset, source: string): Promise<ImportOutcome>;
}

/** How the outcome reaches the conversation after the turn has ended (a proactive message). */
export interface ConversationReplies {
  send(reference: ConversationReferenceLike, card: AdaptiveCard): Promise<void>;
}

/** botbuilder's ConversationReference as the turn gave it: passed through, never read here. */
export type ConversationReferenceLike = Record<string, unknown>;

export interface FileImportDependencies {
  readonly directory: {
    partnerForTenant(tenantId: string): Promise<string | undefined>;
    get(partnerId: string): Promise<Registration | undefined>;
  };
  /** The partner's current data (`asOf`), named on the problems card as what stays. */
  readonly currentAsOf: (partnerId: string) => Promise<string | undefined>;
  readonly reader: PartnerCenterReader;
  readonly downloader: FileDownloader;
  readonly importer: DatasetImporter;
  readonly replies: ConversationReplies;
  readonly policy: Pick<DownloadPolicy, 'hosts' | 'allowLoopbackHttp'>;
  readonly log: Logger;
  /** Today, YYYY-MM-DD: the dataset's asOf (the clock lives at the edge). */
  readonly today: () => string;
  /** Where downloads are kept while a job runs (removed after it); the OS temp dir by default. */
  readonly tempDir?: string;
  /**
   * Imports running at once across partners (the others wait their turn): a 1,000,000-row import
   * takes about 0.7 GB, so a few partners dropping files together must not exhaust the memory.
   */
  readonly importsAtOnce?: number;
}

export interface DropTurn {
  readonly tenantId: string | undefined;
  readonly userObjectId: string | undefined;
  readonly personal: boolean;
  readonly reference: ConversationReferenceLike;
  readonly drop: Drop;
}

/** What a drop answers at once; `start`, called once that answer is sent, lets the import run (its summary follows). */
export interface DropAnswer {
  readonly card: AdaptiveCard;
  readonly start?: () => void;
}

export class FileImport {
  /** The running import of each partner: one at a time per partner. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly slots: pLimit.Limit;

  constructor(private readonly deps: FileImportDependencies) {
    this.slots = pLimit(deps.importsAtOnce ?? 2);
  }

  /** Resolves once every running import has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  async receive(turn: DropTurn): Promise<DropAnswer> {
    if (!turn.personal) return { card: messageCard(filesInPersonalChatModel()) };
    const partnerId = turn.tenantId ? await this.deps.directory.partnerForTenant(turn.tenantId) : undefined;
    const registration = partnerId ? await this.deps.directory.get(partnerId) : undefined;
    if (!registration) return { card: messageCard(notConnectedModel(turn.tenantId ?? '(unknown)')) };
    const user = turn.userObjectId;
    if (!user || !registration.adminObjectIds.includes(user)) {
      this.deps.log.warn({ partnerId: registration.partnerId }, 'file import refused: not an admin');
      return { card: messageCard(notImportAdminModel(registration.name, user)) };
    }
    // Everything that can be refused without fetching a byte is refused here, all at once.
    const problems = [...turn.drop.problems, ...this.refusals(turn.drop.files)];
    if (problems.length > 0) return { card: await this.problemsCard(registration, problems) };
    if (this.running.has(registration.partnerId))
      return { card: messageCard(importBusyModel(registration.name)) };
    const files = turn.drop.files;
    // Taken now, before the acknowledgement is sent: a second drop in the meantime is told to wait.
    let begin: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (begin = resolve));
    const job = started
      .then(() => this.slots(() => this.run(registration, turn, files)))
      .finally(() => this.running.delete(registration.partnerId));
    this.running.set(registration.partnerId, job);
    return {
      card: messageCard(
        importStartedModel(
          registration.name,
          files.map((f) => f.name),
        ),
      ),
      start: begin,
    };
  }

  private refusals(files: readonly DroppedFile[]): FileProblem[] {
    const problems: FileProblem[] = [];
    for (const file of files) {
      const link = downloadUrlProblem(file.downloadUrl, this.deps.policy);
      if (link) problems.push({ file: file.name, message: link });
      else if (file.extension !== 'zip' && !READABLE.has(file.extension))
        problems.push({
          file: file.name,
          message: `.${file.extension || '(none)'} files are not read: drop the Partner Center downloads as CSV (Insights → Download reports), a zip of them, or a partner-info YAML/JSON file`,
        });
    }
    return problems;
  }

  private async problemsCard(
    registration: Registration,
    problems: readonly FileProblem[],
    unlisted = 0,
  ): Promise<AdaptiveCard> {
    return importProblemsCard({
      partnerName: registration.name,
      problems,
      unlisted,
      currentAsOf: await this.deps.currentAsOf(registration.partnerId),
    });
  }

  /** The job: its outcome, or its failure, always reaches the conversation and the log. */
  private async run(
    registration: Registration,
    turn: DropTurn,
    files: readonly DroppedFile[],
  ): Promise<void> {
    const log = this.deps.log.child({ partnerId: registration.partnerId });
    let card: AdaptiveCard;
    try {
      card = await this.importFiles(registration, turn, files, log);
    } catch (error) {
      const correlationId = randomUUID();
      log.error({ err: error, correlationId }, 'file import failed');
      card = messageCard(importFailedModel(registration.name, correlationId));
    }
    try {
      await this.deps.replies.send(turn.reference, card);
    } catch (error) {
      // The import itself is done (or failed and was logged); the answer was refused for good or
      // still refused after its retries (sendWithRetries).
      log.error({ err: error }, 'file import: could not send the outcome to the conversation');
    }
  }

  private async importFiles(
    registration: Registration,
    turn: DropTurn,
    files: readonly DroppedFile[],
    log: Logger,
  ): Promise<AdaptiveCard> {
    const dir = await mkdtemp(path.join(this.deps.tempDir ?? tmpdir(), 'partner-score-drop-'));
    try {
      const sources: SourceFile[] = [];
      const problems: FileProblem[] = [];
      for (const [index, file] of files.entries()) {
        const target = path.join(dir, String(index));
        try {
          const bytes = await this.deps.downloader.download(file.downloadUrl, target);
          log.info({ file: index, bytes, extension: file.extension }, 'file import: downloaded');
        } catch (error) {
          if (!(error instanceof DownloadError)) throw error;
          problems.push({ file: file.name, message: error.message });
          continue;
        }
        if (file.extension !== 'zip') {
          sources.push({ name: file.name, open: () => createReadStream(target) });
          continue;
        }
        try {
          sources.push(...(await this.deps.reader.unzip(file.name, await readFile(target))));
        } catch (error) {
          if (!(error instanceof ZipReadError)) throw error;
          problems.push({ file: file.name, message: withoutPrefix(error.message, `${file.name}: `) });
        }
      }
      if (problems.length > 0) return await this.problemsCard(registration, problems);
      const context: ReadContext = {
        asOf: this.deps.today(),
        partner: {
          partnerId: registration.partnerId,
          name: registration.name,
          ...(turn.tenantId ? { tenantId: turn.tenantId } : {}),
        },
        refuseOtherPartnersFiles: true,
      };
      const read = await this.deps.reader.read(sources, context);
      if (!read.ok) return await this.problemsCard(registration, read.problems);
      // A user only ever changes their own partner, whatever a dropped JSON dataset says.
      if (read.document.partner.partnerId !== registration.partnerId)
        return await this.problemsCard(registration, [
          {
            file: files.map((f) => f.name).join(', '),
            column: 'partner.partnerId',
            message: `is ${read.document.partner.partnerId}, not ${registration.partnerId} (${registration.name}): you can only import your own partner's data`,
          },
        ]);
      const outcome = await this.deps.importer.import(read.document, files.map((f) => f.name).join(', '));
      if (!outcome.ok)
        return await this.problemsCard(
          registration,
          outcome.errors.map((issue) => ({
            file: 'the dataset read from the files',
            column: issue.path,
            message: issue.reason,
          })),
          outcome.errorCount - outcome.errors.length,
        );
      log.info(
        { versionId: outcome.summary.versionId, unchanged: outcome.summary.unchanged, files: files.length },
        'file import: imported',
      );
      return importSummaryCard({
        summary: outcome.summary,
        files: read.files,
        unknownTitles: read.unknownTitles,
        notes: read.notes,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
