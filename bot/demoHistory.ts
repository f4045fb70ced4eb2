import { addMonths, lastMonthOf, monthLabel } from '../scoring/calendar';
import { HISTORY_MONTHS } from '../scoring/history';
import type { PartnerDataset } from '../scoring';
import { datasetAsPulledOn } from '../scoring/pulledOn';
import { contentHash, importDataset, type ImportDependencies } from './import/importDataset';

/**
 * The demo partners' history (issue 13): a newcomer's first "show our trend" draws a year, not a dot.
 * Each earlier month's version is the demo dataset as it would have been pulled that month — derived
 * from the dataset itself, deterministically, so the trend follows the data's own story.
 */

/**
 * The demo dataset as pulled `monthsBack` months before its `asOf` (the same day of the month): the
 * events after that day left out (scoring/pulledOn.ts), and the rows of that version's own month too,
 * whose usage Partner Center had not reported yet.
 */
export function demoDatasetBefore(document: PartnerDataset, monthsBack: number): PartnerDataset {
  const pulled = datasetAsPulledOn(document, addMonths(document.asOf, -monthsBack));
  const last = monthLabel(lastMonthOf(pulled.asOf));
  const { mau } = pulled;
  return {
    ...pulled,
    azureConsumption: pulled.azureConsumption.filter((row) => row.month <= last),
    m365Licenses: pulled.m365Licenses.filter((row) => row.month <= last),
    ...(mau ? { mau: mau.filter((row) => row.month <= last) } : {}),
  };
}

/**
 * Imports the demo dataset's earlier months (oldest first: each import's history reads the versions
 * before it), the 11 before the document's own, which the caller imports next. A month whose data
 * the partner already has stored is skipped, so a restart against an existing store adds nothing.
 * Throws when a derived month does not validate (the demo data is ours: a bug, not an input error).
 */
export async function seedDemoHistory(
  deps: ImportDependencies,
  document: PartnerDataset,
  source: string,
): Promise<{ imported: number; skipped: number }> {
  const stored = new Set(
    (await deps.versions.versions(document.partner.partnerId))
      .filter((v) => v.status === 'complete')
      .map((v) => v.contentHash),
  );
  let imported = 0;
  let skipped = 0;
  for (let monthsBack = HISTORY_MONTHS - 1; monthsBack >= 1; monthsBack--) {
    const earlier = demoDatasetBefore(document, monthsBack);
    if (stored.has(contentHash(earlier))) {
      skipped += 1;
      continue;
    }
    const outcome = await importDataset(deps, { document: earlier, source: `${source} (${earlier.asOf})` });
    if (!outcome.ok)
      throw new Error(
        `demo history ${source} on ${earlier.asOf} is invalid: ${JSON.stringify(outcome.errors)}`,
      );
    imported += 1;
  }
  return { imported, skipped };
}
