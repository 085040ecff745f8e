import { fixedClock } from '../critical-info/clock';
import { OpportunitiesRepository } from './opportunities.repository';
import { OpportunitiesService } from './opportunities.service';

/** Overdue is a rule on the opportunity and the hub's day alone: no database is read for it. */
describe('OpportunitiesService.isOverdue', () => {
  // 23:30 UTC on 2026-11-25: already the 26th east of UTC; the hub's day is the UTC one.
  const clock = fixedClock(new Date('2026-11-25T23:30:00Z'));
  const service = new OpportunitiesService(null as unknown as OpportunitiesRepository, clock);

  it.each([
    [true, '2026-11-24', true],
    [true, '2020-01-01', true],
    [true, '2026-11-25', false],
    [true, '2026-11-26', false],
    [true, null, false],
    [false, '2020-01-01', false],
  ])('open %s, closing %s: overdue %s', (isOpen, closeDate, overdue) => {
    expect(service.isOverdue({ isOpen, closeDate })).toBe(overdue);
  });

  it('follows the clock: the day after its close date, it is overdue', () => {
    const deal = { isOpen: true, closeDate: '2026-11-26' };
    expect(service.isOverdue(deal)).toBe(false);
    clock.advanceDays(2);
    expect(service.isOverdue(deal)).toBe(true);
  });
});
