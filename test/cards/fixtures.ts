import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scorePartner, toScoreResult, validateDataset } from '../../scoring';
import type { CustomerExplanation } from '../../scoring/explain';
import { snapshotHead, type SnapshotHead } from '../../scoring/snapshot';

/** The demo dataset document as JSON, for tests that change it. */
export type DemoDocument = Record<string, unknown> & {
  partner: { name: string };
  azureConsumption: { customerName?: string }[];
  m365Licenses: { customerName?: string }[];
  certifications: { personName?: string }[];
};

/** Snapshot heads and customer explanations of the demo partners, as the store would hold them. */
export function demoSnapshot(
  name: 'contoso-security' | 'northwind-cyber',
  /** Changes the dataset document before it is validated and scored (e.g. hostile names). */
  edit: (document: DemoDocument) => void = () => undefined,
): {
  head: SnapshotHead;
  customers: CustomerExplanation[];
} {
  const document = JSON.parse(
    readFileSync(path.resolve(__dirname, `../../bot/demo/${name}.json`), 'utf8'),
  ) as DemoDocument;
  edit(document);
  const validation = validateDataset(document);
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  const result = toScoreResult(scorePartner(validation.dataset));
  return { head: snapshotHead(result, 1), customers: [...result.customers] };
}
