import type { Readable } from 'node:stream';
import type { PartnerDataset } from '../../../scoring';

/** One file to read: its name (for messages and the kind of a side file) and its bytes. */
export interface SourceFile {
  readonly name: string;
  open(): NodeJS.ReadableStream | Readable;
}

export interface ReadContext {
  /** The dataset's `asOf` (the partner-info file's `asOf` overrides it). */
  readonly asOf: string;
  /** The partner the files are for (Teams: the sender's registered partner); wins over the files. */
  readonly partner?: { readonly partnerId: string; readonly name: string; readonly tenantId?: string };
  /**
   * Files that name only other partner IDs (neither their PGA nor their location ID is `partner`'s)
   * are refused rather than noted: in Teams the partner is the sender's, and another partner's
   * downloads must not become its data.
   */
  readonly refuseOtherPartnersFiles?: boolean;
}

export type ReportKind =
  'azureUsage' | 'office365Usage' | 'emsUsage' | 'cporM365Usage' | 'trainings' | 'partnerInfo';

/** Each report as the summaries name it (the command line and the import summary card). */
export const REPORT_TITLE: Record<ReportKind, string> = {
  azureUsage: 'Azure usage',
  office365Usage: 'Office 365 license usage',
  emsUsage: 'EMS usage',
  cporM365Usage: 'CPOR-M365 usage',
  trainings: 'Trainings and certifications',
  partnerInfo: 'Partner information',
};

export interface FileReadSummary {
  readonly file: string;
  readonly report: ReportKind;
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsSkipped: readonly { readonly reason: string; readonly rows: number }[];
}

/** What is wrong and where: `row` is the line in the file (the header is line 1). */
export interface FileProblem {
  readonly file: string;
  readonly row?: number;
  readonly column?: string;
  readonly message: string;
}

export type ReadOutcome =
  | {
      readonly ok: true;
      /** The partner dataset document, validated later by importDataset. */
      readonly document: PartnerDataset;
      readonly files: readonly FileReadSummary[];
      readonly unknownTitles: readonly { readonly title: string; readonly rows: number }[];
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly problems: readonly FileProblem[] };
