/**
 * Partner Center's Insights downloads (Azure usage, Office 365 and EMS usage, CPOR-M365 usage,
 * trainings) and the partner-info side file → one partner's dataset document. Edge code: it reads
 * streams; the document then goes through importDataset like any JSON dataset.
 */
export type { FileProblem, FileReadSummary, ReadContext, ReadOutcome, ReportKind, SourceFile } from './types';
export { REPORT_TITLE } from './types';
export { readPartnerCenterFiles, MAX_PROBLEMS_PER_FILE } from './read';
export { filesFromZip, ZipReadError } from './zip';
export { isPartnerInfoName } from './partnerInfo';
