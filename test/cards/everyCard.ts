import { customersCard } from '../../cards/customers';
import { peopleCard } from '../../cards/people';
import { summaryCard } from '../../cards/summary';
import { suggestionsFor } from '../../bot/conversation/suggestions';
import { answer, type ScoreSource } from '../../bot/conversation/answers';
import type { ImportSummary } from '../../bot/import/importDataset';
import { attributionCard } from '../../cards/attribution';
import { certPlanCard } from '../../cards/certPlan';
import { atRiskModel, customerModel, detailCard, metricDetailModel, planModel } from '../../cards/detail';
import { forecastCard } from '../../cards/forecast';
import { gapsCard } from '../../cards/gaps';
import { importProblemsCard } from '../../cards/importProblems';
import { importSummaryCard } from '../../cards/importSummary';
import {
  errorModel,
  filesInPersonalChatModel,
  helpModel,
  importBusyModel,
  importFailedModel,
  importStartedModel,
  messageCard,
  noDataModel,
  notConnectedModel,
  notImportAdminModel,
  notUnderstoodModel,
} from '../../cards/message';
import type { AdaptiveCard } from '../../cards/render';
import { reminderCard, scoreAlertCard, specializationMissingModel } from '../../cards/reminder';
import { renewalsModel, requirementsCard, specializationsModel } from '../../cards/renewals';
import { scoreCard } from '../../cards/score';
import { trendCard } from '../../cards/trend';
import { whatIfCard } from '../../cards/whatIf';
import { METRICS, TRACKS } from '../../scoring';
import { DESIGNATION_SUBJECT } from '../../scoring/reminders';
import { demoSnapshot } from './fixtures';

/**
 * One of every card type the bot sends, expanded with the demo partners' data: for the checks that
 * hold for every card (buttons that fit, colours that read). A new card type is one more line here.
 */

const contoso = demoSnapshot('contoso-security');
const northwind = demoSnapshot('northwind-cyber');

const importSummary: ImportSummary = {
  partnerId: '4012345',
  partnerName: 'Contoso Security Ltd',
  versionId: 'v2',
  rows: { azure: 120, m365: 40, mau: 10, certifications: 6 },
  chunks: 6,
  unknownNames: { services: { 'Quantum Firewall': 3 }, workloads: {}, associations: {} },
  clampedRows: 0,
  rowsWithoutOffer: 0,
  servicesLeftList: [{ service: 'Network Watcher', endsOn: '2026-05-01', rows: 4, usd: 120 }],
  excludedRows: { azure: {}, m365: {} },
  headline: { versionId: 'v2', asOf: '2026-12-06', path: 'smb', total: 64, qualified: false },
  previous: { versionId: 'v1', asOf: '2026-11-20', path: 'smb', total: 74.5, qualified: true },
  current: true,
  unchanged: false,
  deletedVersions: [],
};

/** "N customers match": the answer to a customer name that fits several. */
async function customerChoiceCard(): Promise<AdaptiveCard> {
  const source: ScoreSource = {
    current: async () => ({ versionId: 'v1', head: contoso.head }),
    findCustomers: async () => contoso.customers.slice(0, 5),
    allCustomers: async () => contoso.customers,
  };
  const partner = { partnerId: '4012345', name: contoso.head.partnerName };
  const current = await source.current(partner.partnerId);
  return answer({ kind: 'customer', customer: 'a' }, partner, current, source, '2026-11-22');
}

/** Every card type but the one built through the store (the customer choice), synchronously: for test.each. */
export function everyCardNow(): [string, AdaptiveCard][] {
  const cards: [string, AdaptiveCard][] = [];
  for (const [name, { head, customers }] of [
    ['contoso', contoso],
    ['northwind', northwind],
  ] as const) {
    for (const track of TRACKS) {
      cards.push([`${name} score ${track}`, scoreCard(head, track)]);
      cards.push([`${name} gaps ${track}`, gapsCard(head, track)]);
      cards.push([`${name} plan ${track}`, detailCard(planModel(head, track))]);
      cards.push([`${name} cert plan ${track}`, certPlanCard(head, track)]);
      for (const metric of METRICS)
        cards.push([`${name} metric ${track} ${metric}`, detailCard(metricDetailModel(head, track, metric))]);
    }
    cards.push([`${name} at risk`, detailCard(atRiskModel(head))]);
    cards.push([`${name} specializations`, requirementsCard(specializationsModel(head))]);
    // Before, in and after the renewal windows of the demo anniversaries.
    for (const today of ['2026-11-22', '2027-01-15', '2027-03-20', '2027-06-01'])
      cards.push([`${name} renewals on ${today}`, requirementsCard(renewalsModel(head, today))]);
    for (const customer of customers)
      cards.push([`${name} customer ${customer.tenantId}`, detailCard(customerModel(head, customer))]);
    cards.push([`${name} trend`, trendCard(head)]);
    cards.push([`${name} forecast`, forecastCard(head)]);
    cards.push([`${name} attribution`, attributionCard(head)]);
    cards.push([`${name} what-if`, whatIfCard(head)]);
    cards.push([
      `${name} what-if simulated`,
      whatIfCard(head, { azureCustomers: '2', person1: 'p-04', exam1: 'SC-100' }),
    ]);
    cards.push([
      `${name} reminder`,
      reminderCard(
        head,
        { subject: DESIGNATION_SUBJECT, anniversary: '2027-02-01', offsetDays: -60 },
        '2026-12-03',
      ),
    ]);
    cards.push([
      `${name} specialization missing`,
      detailCard(
        specializationMissingModel(
          head,
          {
            subject: 'Threat Protection',
            anniversary: '2027-01-20',
            offsetDays: -60,
            firstAwarded: '2024-01-20',
          },
          '2026-11-21',
        ),
      ),
    ]);
    cards.push([
      `${name} score alert`,
      scoreAlertCard(
        head,
        [
          { kind: 'stoppedQualifying', path: 'smb', previousTotal: 74, total: 68 },
          { kind: 'metricAtZero', path: 'smb', metric: 'deployments', previousPoints: 3.33 },
        ],
        'v1',
      ),
    ]);
    cards.push([`${name} no data`, messageCard(noDataModel(head.partnerName))]);
    cards.push([`${name} people`, peopleCard(head)]);
    cards.push([`${name} people SC-200`, peopleCard(head, 'SC-200')]);
    cards.push([`${name} people AZ-500`, peopleCard(head, 'AZ-500')]);
    for (const track of TRACKS)
      cards.push([`${name} customers ${track}`, customersCard(head, customers, track)]);
    cards.push([`${name} summary`, summaryCard(head, '2026-11-22')]);
  }
  cards.push([
    'not understood',
    messageCard(
      notUnderstoodModel('certifcation holders list?', suggestionsFor('certifcation holders list?')),
    ),
  ]);
  cards.push([
    'import summary',
    importSummaryCard({
      summary: importSummary,
      files: [
        { file: 'azure-usage.csv', report: 'azureUsage', rowsRead: 130, rowsUsed: 120, rowsSkipped: [] },
      ],
      unknownTitles: [],
      notes: [],
    }),
  ]);
  cards.push([
    'import problems',
    importProblemsCard({
      partnerName: 'Contoso Security Ltd',
      problems: [{ file: 'azure-usage.csv', row: 12, column: 'Month', message: '"13/2026" is not a month' }],
      currentAsOf: '2026-11-20',
    }),
  ]);
  for (const kind of ['welcome', 'help', 'unknown'] as const)
    cards.push([`help ${kind}`, messageCard(helpModel(kind))]);
  cards.push(['not connected', messageCard(notConnectedModel('tenant-x'))]);
  cards.push(['error', messageCard(errorModel('c0ffee'))]);
  cards.push(['not an import admin', messageCard(notImportAdminModel('Contoso Security Ltd', 'oid-1'))]);
  cards.push(['import started', messageCard(importStartedModel('Contoso Security Ltd', ['a.csv', 'b.csv']))]);
  cards.push(['import busy', messageCard(importBusyModel('Contoso Security Ltd'))]);
  cards.push(['import failed', messageCard(importFailedModel('Contoso Security Ltd', 'c0ffee'))]);
  cards.push(['files in personal chat', messageCard(filesInPersonalChatModel())]);
  return cards;
}

/** Every card type the bot sends, one line each: a new card type is one more line in everyCardNow. */
export async function everyCard(): Promise<[string, AdaptiveCard][]> {
  return [...everyCardNow(), ['customer choice', await customerChoiceCard()]];
}
