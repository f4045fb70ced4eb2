import { addDays } from '../../scoring/calendar';
import {
  dueReminder,
  reminderDates,
  renewalCalendar,
  RENEWAL_RULES,
  type RenewalRules,
} from '../../scoring/renewals';

const subject = 'Threat Protection';

describe('renewal rules as data (rules §3)', () => {
  test('the default rules: window opens 60 days before, 30-day grace, six reminders from −120 to +30', () => {
    expect(RENEWAL_RULES).toEqual({
      windowOpensDaysBefore: 60,
      graceDaysAfter: 30,
      reminderOffsetsDays: [-120, -90, -60, -30, 0, 30],
    });
  });

  test('the default rules cannot be changed at run time', () => {
    expect(Object.isFrozen(RENEWAL_RULES)).toBe(true);
    expect(Object.isFrozen(RENEWAL_RULES.reminderOffsetsDays)).toBe(true);
  });
});

describe('renewal window state (rules §3: 60 days before, closes on the anniversary, 30 days grace)', () => {
  const anniversary = '2027-03-15';
  const stateOn = (today: string) => renewalCalendar({ subject, anniversary, today }).state;

  test.each([
    ['2026-09-15', 'notYetOpen', 'half a year before'],
    ['2027-01-13', 'notYetOpen', '61 days before'],
    ['2027-01-14', 'open', '60 days before: the window opens'],
    ['2027-02-20', 'open', 'inside the window'],
    ['2027-03-14', 'open', 'the day before the anniversary'],
    ['2027-03-15', 'open', 'on the anniversary: the window closes that day'],
    ['2027-03-16', 'grace', 'one day after the anniversary'],
    ['2027-04-14', 'grace', '30 days after: the last grace day'],
    ['2027-04-15', 'lapsed', '31 days after'],
    ['2028-03-15', 'lapsed', 'exactly one year after'],
  ])('on %s the state is %s (%s)', (today, expected) => {
    expect(stateOn(today)).toBe(expected);
  });

  test('the window dates: opens 60 days before, closes on the anniversary, grace ends 30 days after', () => {
    const c = renewalCalendar({ subject, anniversary, today: '2027-01-01' });
    expect(c).toMatchObject({
      subject,
      anniversary,
      windowOpens: '2027-01-14',
      windowCloses: '2027-03-15',
      graceEnds: '2027-04-14',
    });
  });

  test('the window boundaries hold for many anniversaries (each day 61/60 before, on, +1, +30, +31)', () => {
    for (let i = 0; i < 1461; i += 7) {
      const a = addDays('2026-01-01', i);
      const at = (offset: number) =>
        renewalCalendar({ subject, anniversary: a, today: addDays(a, offset) }).state;
      expect([at(-61), at(-60), at(0), at(1), at(30), at(31)]).toEqual([
        'notYetOpen',
        'open',
        'open',
        'grace',
        'grace',
        'lapsed',
      ]);
    }
  });
});

describe('days left (rules §4: the reminder says how many days are left)', () => {
  const anniversary = '2027-03-15';
  const calendarOn = (today: string) => renewalCalendar({ subject, anniversary, today });

  test.each([
    ['2027-01-13', 61],
    ['2027-01-14', 60],
    ['2027-03-15', 0],
    ['2027-03-16', -1],
    ['2027-04-15', -31],
  ])('on %s daysLeft to the anniversary is %d (negative after it)', (today, expected) => {
    expect(calendarOn(today).daysLeft).toBe(expected);
  });

  test('in grace, daysToWindowEnd counts the days until the grace period ends', () => {
    expect(calendarOn('2027-03-16').daysToWindowEnd).toBe(29);
    expect(calendarOn('2027-04-14').daysToWindowEnd).toBe(0);
  });

  test('outside grace, daysToWindowEnd is undefined (daysLeft already says it)', () => {
    expect(calendarOn('2027-01-13').daysToWindowEnd).toBeUndefined();
    expect(calendarOn('2027-03-15').daysToWindowEnd).toBeUndefined();
    expect(calendarOn('2027-04-15').daysToWindowEnd).toBeUndefined();
  });
});

describe('year numbers and parity (rules §3: odd re-checks qualification, even also the manual requirements)', () => {
  const firstAwarded = '2024-03-15';

  test.each([
    ['2025-03-15', 1, 'odd', 'qualification'],
    ['2026-03-15', 2, 'even', 'qualification+manual'],
    ['2027-03-15', 3, 'odd', 'qualification'],
    ['2028-03-15', 4, 'even', 'qualification+manual'],
    ['2029-03-15', 5, 'odd', 'qualification'],
  ])(
    'anniversary %s of an award on 2024-03-15 is year %d: %s, requires %s',
    (anniversary, year, parity, requires) => {
      const c = renewalCalendar({ subject, firstAwarded, anniversary, today: addDays(anniversary, -100) });
      expect(c.yearNumber).toBe(year);
      expect(c.parity).toBe(parity);
      expect(c.requires).toBe(requires);
    },
  );

  test('without firstAwarded the year number, parity and requirement are unknown', () => {
    const c = renewalCalendar({ subject, anniversary: '2027-03-15', today: '2027-02-01' });
    expect(c.yearNumber).toBeUndefined();
    expect(c.parity).toBeUndefined();
    expect(c.requires).toBeUndefined();
    expect(c.state).toBe('open');
  });

  test('an award on 31 December counts its anniversaries across the year boundary correctly', () => {
    const c = renewalCalendar({
      subject,
      firstAwarded: '2024-12-31',
      anniversary: '2026-12-31',
      today: '2026-12-01',
    });
    expect(c.yearNumber).toBe(2);
    expect(c.requires).toBe('qualification+manual');
  });

  test('a Partner Center anniversary a few days off the award date still gets the nearest year number', () => {
    const early = renewalCalendar({ subject, firstAwarded, anniversary: '2027-03-12', today: '2027-02-01' });
    const late = renewalCalendar({ subject, firstAwarded, anniversary: '2027-03-18', today: '2027-02-01' });
    expect(early.yearNumber).toBe(3);
    expect(late.yearNumber).toBe(3);
  });
});

describe('leap days', () => {
  const firstAwarded = '2024-02-29';

  test('an award on 29 February has its 1st anniversary on 28 February 2025 (odd year)', () => {
    const c = renewalCalendar({ subject, firstAwarded, anniversary: '2025-02-28', today: '2025-01-01' });
    expect(c.yearNumber).toBe(1);
    expect(c.parity).toBe('odd');
    expect(c.windowOpens).toBe('2024-12-30');
    expect(c.graceEnds).toBe('2025-03-30');
  });

  test('an award on 29 February has its 4th anniversary on 29 February 2028 (even year)', () => {
    const c = renewalCalendar({ subject, firstAwarded, anniversary: '2028-02-29', today: '2028-01-01' });
    expect(c.yearNumber).toBe(4);
    expect(c.parity).toBe('even');
    expect(c.requires).toBe('qualification+manual');
  });

  test('an anniversary on 2028-02-29 opens its window on 2027-12-31 and ends grace on 2028-03-30', () => {
    const c = renewalCalendar({ subject, firstAwarded, anniversary: '2028-02-29', today: '2027-12-31' });
    expect(c.windowOpens).toBe('2027-12-31');
    expect(c.windowCloses).toBe('2028-02-29');
    expect(c.graceEnds).toBe('2028-03-30');
    expect(c.state).toBe('open');
    expect(renewalCalendar({ subject, anniversary: '2028-02-29', today: '2027-12-30' }).state).toBe(
      'notYetOpen',
    );
    expect(renewalCalendar({ subject, anniversary: '2028-02-29', today: '2028-03-30' }).state).toBe('grace');
    expect(renewalCalendar({ subject, anniversary: '2028-02-29', today: '2028-03-31' }).state).toBe('lapsed');
  });

  test('a leap-year grace period over 1 March counts 29 February as a day', () => {
    expect(renewalCalendar({ subject, anniversary: '2028-02-10', today: '2028-03-11' }).state).toBe('grace');
    expect(renewalCalendar({ subject, anniversary: '2028-02-10', today: '2028-03-12' }).state).toBe('lapsed');
  });
});

describe('month ends and year boundaries', () => {
  test('an anniversary on 2027-03-31 opens its window on 2027-01-30', () => {
    const c = renewalCalendar({ subject, anniversary: '2027-03-31', today: '2027-01-30' });
    expect(c.windowOpens).toBe('2027-01-30');
    expect(c.graceEnds).toBe('2027-04-30');
    expect(c.state).toBe('open');
  });

  test('an anniversary on 2027-01-15 opens its window on 2026-11-16, across the year boundary', () => {
    const c = renewalCalendar({ subject, anniversary: '2027-01-15', today: '2026-11-15' });
    expect(c.windowOpens).toBe('2026-11-16');
    expect(c.state).toBe('notYetOpen');
    expect(c.daysLeft).toBe(61);
    expect(renewalCalendar({ subject, anniversary: '2027-01-15', today: '2026-11-16' }).state).toBe('open');
  });

  test('an anniversary on 2026-12-20 has its grace period end on 2027-01-19, across the year boundary', () => {
    const c = renewalCalendar({ subject, anniversary: '2026-12-20', today: '2027-01-19' });
    expect(c.graceEnds).toBe('2027-01-19');
    expect(c.state).toBe('grace');
    expect(c.daysLeft).toBe(-30);
  });
});

describe('invalid input is a RangeError naming the subject and the dates', () => {
  test('an anniversary more than one year before today', () => {
    const call = () => renewalCalendar({ subject, anniversary: '2026-03-14', today: '2027-03-15' });
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/Threat Protection.*2026-03-14.*2027-03-15/);
  });

  test('an anniversary exactly one year before today is still accepted (lapsed)', () => {
    expect(renewalCalendar({ subject, anniversary: '2026-03-15', today: '2027-03-15' }).state).toBe('lapsed');
  });

  test('an anniversary before the first award', () => {
    const call = () =>
      renewalCalendar({
        subject,
        firstAwarded: '2025-06-01',
        anniversary: '2025-05-31',
        today: '2025-05-01',
      });
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/Threat Protection.*2025-05-31.*2025-06-01/);
  });

  test('an anniversary on the day of the first award (not an anniversary)', () => {
    const call = () =>
      renewalCalendar({
        subject,
        firstAwarded: '2025-06-01',
        anniversary: '2025-06-01',
        today: '2025-05-01',
      });
    expect(call).toThrow(RangeError);
  });

  test('an anniversary too close to the first award to be one', () => {
    const call = () =>
      renewalCalendar({
        subject,
        firstAwarded: '2025-06-01',
        anniversary: '2025-09-01',
        today: '2025-08-01',
      });
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/Threat Protection.*2025-09-01.*2025-06-01/);
  });

  test.each([
    ['an anniversary on 30 February', { anniversary: '2027-02-30', today: '2027-01-01' }],
    ['an anniversary without zero padding', { anniversary: '2027-3-15', today: '2027-01-01' }],
    ['a today that is not a date', { anniversary: '2027-03-15', today: 'today' }],
    [
      'a firstAwarded in month 13',
      { anniversary: '2027-03-15', today: '2027-01-01', firstAwarded: '2024-13-01' },
    ],
  ])('a malformed date: %s', (_label, dates) => {
    expect(() => renewalCalendar({ subject, ...dates })).toThrow(RangeError);
  });
});

describe('reminder dates (rules §3: 120, 90, 60, 30 days before, on the anniversary, 30 days after)', () => {
  test('the six reminder dates of 2027-03-15, in order, with their offsets', () => {
    expect(reminderDates('2027-03-15')).toEqual([
      { offsetDays: -120, date: '2026-11-15' },
      { offsetDays: -90, date: '2026-12-15' },
      { offsetDays: -60, date: '2027-01-14' },
      { offsetDays: -30, date: '2027-02-13' },
      { offsetDays: 0, date: '2027-03-15' },
      { offsetDays: 30, date: '2027-04-14' },
    ]);
  });

  test('the six reminder dates of a leap-day anniversary 2028-02-29', () => {
    expect(reminderDates('2028-02-29').map((r) => r.date)).toEqual([
      '2027-11-01',
      '2027-12-01',
      '2027-12-31',
      '2028-01-30',
      '2028-02-29',
      '2028-03-30',
    ]);
  });

  test('the −60 reminder falls on the day the window opens and the +30 one on the last grace day', () => {
    for (const anniversary of ['2027-01-15', '2027-03-31', '2028-02-29', '2026-12-31']) {
      const c = renewalCalendar({ subject, anniversary, today: anniversary });
      const dates = reminderDates(anniversary);
      expect(dates.find((r) => r.offsetDays === -60)?.date).toBe(c.windowOpens);
      expect(dates.find((r) => r.offsetDays === 30)?.date).toBe(c.graceEnds);
    }
  });

  test('reminder offsets given out of order by custom rules come back in date order', () => {
    const rules: RenewalRules = { ...RENEWAL_RULES, reminderOffsetsDays: [0, -7, 14] };
    expect(reminderDates('2027-03-15', rules)).toEqual([
      { offsetDays: -7, date: '2027-03-08' },
      { offsetDays: 0, date: '2027-03-15' },
      { offsetDays: 14, date: '2027-03-29' },
    ]);
  });
});

describe('due reminder: the latest one due, never a burst of old ones, never twice', () => {
  const anniversary = '2027-03-15';

  test.each<[string, number | undefined, number | undefined, string]>([
    ['2026-11-14', undefined, undefined, 'the day before the first reminder: none'],
    ['2026-11-15', undefined, -120, 'the first reminder day'],
    ['2026-12-01', undefined, -120, 'between reminders, nothing sent yet: the −120 one'],
    ['2026-12-15', -120, -90, 'the −90 reminder day after −120 was sent'],
    ['2026-12-16', -90, undefined, 'the day after −90 was sent: none'],
    ['2027-01-14', -90, -60, 'the −60 reminder day'],
    ['2027-03-15', -30, 0, 'the anniversary'],
    ['2027-04-14', 0, 30, 'the +30 reminder day'],
    ['2027-04-15', 30, undefined, 'after the +30 reminder was sent: none'],
    ['2027-09-01', 30, undefined, 'months later, all sent: none'],
  ])('on %s with last sent %p the due reminder is %p (%s)', (today, lastSent, expected, _why) => {
    expect(dueReminder(anniversary, today, lastSent)?.offsetDays).toBe(expected);
  });

  test('after missed days only the latest due reminder is returned, with its date', () => {
    // Last run sent −120; the runs for −90, −60 and −30 were missed.
    expect(dueReminder(anniversary, '2027-02-20', -120)).toEqual({ offsetDays: -30, date: '2027-02-13' });
    // Nothing ever sent and first run on the anniversary: only the anniversary reminder.
    expect(dueReminder(anniversary, '2027-03-15')).toEqual({ offsetDays: 0, date: '2027-03-15' });
    // Nothing ever sent and first run deep in grace: only the +30 reminder.
    expect(dueReminder(anniversary, '2027-05-01')).toEqual({ offsetDays: 30, date: '2027-04-14' });
  });

  test('a daily run sends each reminder exactly once, on its own date', () => {
    const sent: { today: string; offsetDays: number }[] = [];
    let lastSent: number | undefined;
    for (let day = -200; day <= 200; day++) {
      const today = addDays(anniversary, day);
      const due = dueReminder(anniversary, today, lastSent);
      if (due) {
        sent.push({ today, offsetDays: due.offsetDays });
        lastSent = due.offsetDays;
      }
    }
    expect(sent).toEqual(
      reminderDates(anniversary).map((r) => ({ today: r.date, offsetDays: r.offsetDays })),
    );
  });

  test('a run every 45 days sends no reminder twice and never an older one after a newer one', () => {
    const sent: number[] = [];
    let lastSent: number | undefined;
    for (let day = -200; day <= 200; day += 45) {
      const due = dueReminder(anniversary, addDays(anniversary, day), lastSent);
      if (due) {
        sent.push(due.offsetDays);
        lastSent = due.offsetDays;
      }
    }
    // Runs on −110 → −120, −65 → −90, −20 → −30 (−60 was missed: skipped), +25 → 0, +70 → +30.
    expect(sent).toEqual([-120, -90, -30, 0, 30]);
    expect(new Set(sent).size).toBe(sent.length);
  });

  test('accepts a renewal calendar instead of an anniversary date', () => {
    const c = renewalCalendar({ subject, anniversary, today: '2027-02-13' });
    expect(dueReminder(c, '2027-02-13', -60)).toEqual({ offsetDays: -30, date: '2027-02-13' });
    expect(dueReminder(c, '2027-02-13', -30)).toBeUndefined();
  });

  test('a malformed today is a RangeError naming the subject', () => {
    const c = renewalCalendar({ subject, anniversary, today: '2027-02-13' });
    expect(() => dueReminder(c, '13/02/2027')).toThrow(RangeError);
    expect(() => dueReminder(c, '13/02/2027')).toThrow(/Threat Protection.*13\/02\/2027/);
  });
});
