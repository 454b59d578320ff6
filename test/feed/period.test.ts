import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoWeekOf, parseDay, parseMonth, parseWeek, periodTitle, shiftPeriod } from '../../src/time.ts';

describe('periods', () => {
  it('accepts real days only', () => {
    assert.deepEqual(parseDay('2024-02-29'), { kind: 'day', key: '2024-02-29', from: '2024-02-29', to: '2024-02-29' });
    for (const bad of ['2023-02-29', '2026-02-30', '2026-13-01', '26-11-2026', '2026-1-1', 'today']) {
      assert.equal(parseDay(bad), null, bad);
    }
  });

  it('knows ISO weeks, including week 53 and weeks that straddle a new year', () => {
    assert.equal(isoWeekOf('2026-11-26'), '2026-W48');
    assert.equal(isoWeekOf('2021-01-03'), '2020-W53');
    assert.equal(isoWeekOf('2024-12-30'), '2025-W01');
    assert.deepEqual(parseWeek('2020-W53'), { kind: 'week', key: '2020-W53', from: '2020-12-28', to: '2021-01-03' });
    assert.equal(parseWeek('2021-W53'), null);
    assert.equal(parseWeek('2026-W00'), null);
  });

  it('knows months and their lengths', () => {
    assert.deepEqual(parseMonth('2024-02'), { kind: 'month', key: '2024-02', from: '2024-02-01', to: '2024-02-29' });
    assert.equal(parseMonth('2024-13'), null);
  });

  it('moves to the neighbouring period', () => {
    assert.equal(shiftPeriod(parseDay('2026-03-01')!, -1).key, '2026-02-28');
    assert.equal(shiftPeriod(parseWeek('2020-W53')!, 1).key, '2021-W01');
    assert.equal(shiftPeriod(parseMonth('2026-01')!, -1).key, '2025-12');
  });

  it('titles periods for people', () => {
    assert.match(periodTitle(parseDay('2026-11-26')!), /^Thursday,? 26 November 2026$/);
    assert.equal(periodTitle(parseMonth('2026-11')!), 'November 2026');
    assert.match(periodTitle(parseWeek('2026-W48')!), /^Week 48, 2026/);
  });
});
