import { detailCard, atRiskModel, customerModel, metricDetailModel, planModel } from '../../cards/detail';
import { certPlanCard } from '../../cards/certPlan';
import { customersCard } from '../../cards/customers';
import { forecastCard } from '../../cards/forecast';
import { gapsCard } from '../../cards/gaps';
import { messageCard, noDataModel } from '../../cards/message';
import { peopleCard } from '../../cards/people';
import { reminderCard, scoreAlertCard } from '../../cards/reminder';
import { renewalsModel, requirementsCard, specializationsModel } from '../../cards/renewals';
import { render, type AdaptiveCard } from '../../cards/render';
import { scoreCard } from '../../cards/score';
import { summaryCard } from '../../cards/summary';
import { trendCard } from '../../cards/trend';
import { whatIfCard } from '../../cards/whatIf';
import { METRICS, TRACKS } from '../../scoring';
import { DESIGNATION_SUBJECT } from '../../scoring/reminders';
import { demoSnapshot } from './fixtures';
import { cardProblems } from './validate';

/**
 * Issue 11 item 2: names come from Partner Center and can contain anything, `${…}` included. Data is
 * never read as template: every card renders, shows the name as written and evaluates none of it.
 */
const PARTNER = 'Acme ${partnerName} ${1+1} $5 ${';
const CUSTOMER = '${$root.total} Corp }{ ${if(true, "x", "y")}';
const PERSON = 'Dana ${name}';

const hostile = demoSnapshot('northwind-cyber', (document) => {
  document.partner.name = PARTNER;
  for (const row of [...document.azureConsumption, ...document.m365Licenses]) {
    if (row.customerName) row.customerName = `${CUSTOMER} ${row.customerName}`;
  }
  for (const row of document.certifications)
    if (row.personName) row.personName = `${PERSON} ${row.personName}`;
});

function cards(): [string, AdaptiveCard][] {
  const { head, customers } = hostile;
  const list: [string, AdaptiveCard][] = [
    ['score', scoreCard(head)],
    ['at risk', detailCard(atRiskModel(head))],
    ['specializations', requirementsCard(specializationsModel(head))],
    ['renewals', requirementsCard(renewalsModel(head, '2026-12-06'))],
    ['no data', messageCard(noDataModel(head.partnerName))],
    ['trend', trendCard(head)],
    ['forecast', forecastCard(head)],
    ['what if', whatIfCard(head)],
    [
      'reminder',
      reminderCard(
        head,
        { subject: DESIGNATION_SUBJECT, anniversary: '2027-02-15', offsetDays: -90 },
        '2026-11-17',
      ),
    ],
    ['score alert', scoreAlertCard(head, [], 'v1')],
    ['people', peopleCard(head)],
    ['people with SC-200', peopleCard(head, 'SC-200')],
    ['people with AZ-500', peopleCard(head, 'AZ-500')],
    ['summary', summaryCard(head, '2026-12-06')],
  ];
  for (const track of TRACKS) {
    list.push(
      [`gaps ${track}`, gapsCard(head, track)],
      [`plan ${track}`, detailCard(planModel(head, track))],
    );
    list.push([`certification plan ${track}`, certPlanCard(head, track)]);
    list.push([`customers ${track}`, customersCard(head, customers, track)]);
    for (const metric of METRICS)
      list.push([`metric ${track} ${metric}`, detailCard(metricDetailModel(head, track, metric))]);
  }
  for (const customer of customers)
    list.push([`customer ${customer.tenantId}`, detailCard(customerModel(head, customer))]);
  return list;
}

describe('I-11.2 names are plain text in every card', () => {
  const all = cards();

  test.each(all)('%s: renders as a valid card', (_name, card) => {
    // The names put `${` into these cards on purpose; an unbound field would have thrown in render().
    expect(cardProblems(card).filter((problem) => problem !== 'leftover ${…}')).toEqual([]);
  });

  test('the names appear exactly as written, nothing of them evaluated', () => {
    const text = all.map(([, card]) => JSON.stringify(card)).join('\n');
    expect(text).toContain(JSON.stringify(PARTNER).slice(1, -1));
    expect(text).toContain(JSON.stringify(CUSTOMER).slice(1, -1));
    expect(text).toContain(JSON.stringify(PERSON).slice(1, -1));
    expect(text).not.toContain('\uE024');
  });

  test('a field the template leaves unbound is still an error', () => {
    expect(() =>
      render(
        { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${missing}' }] },
        { name: '${x}' },
      ),
    ).toThrow('template field ${missing} has no value');
  });

  test('a ${…} value bound whole (not inside a string) stays text too', () => {
    const card = render(
      {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: '${name}' },
          { type: 'TextBlock', text: 'n=${length(name)}' },
        ],
      },
      { name: '${a}' },
    );
    expect(card.body).toEqual([
      { type: 'TextBlock', text: '${a}' },
      { type: 'TextBlock', text: 'n=4' },
    ]);
  });
});

describe('I-11.2 names are plain text in the people, customers and summary answers', () => {
  const { head, customers } = hostile;

  test('a person named ${…} is listed as written on the people cards', () => {
    for (const card of [peopleCard(head), peopleCard(head, 'SC-200')])
      expect(JSON.stringify(card)).toContain(JSON.stringify(`${PERSON} Sofia Lindqvist`).slice(1, -1));
  });

  test('a customer named ${…} is listed as written on both paths', () => {
    for (const track of TRACKS)
      expect(JSON.stringify(customersCard(head, customers, track))).toContain(
        JSON.stringify(CUSTOMER).slice(1, -1),
      );
  });

  test('the summary text keeps the partner and person names as written', () => {
    const card = JSON.stringify(summaryCard(head, '2026-12-06'));
    expect(card).toContain(JSON.stringify(PARTNER).slice(1, -1));
    expect(card).toContain(JSON.stringify(`${PERSON} Sofia Lindqvist's SC-200`).slice(1, -1));
  });
});
