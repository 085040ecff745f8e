import { LifecycleStage } from '../accounts/account.entity';
import { fixedClock } from './clock';
import { completeness, CriticalInfoStatus, entryView, StatusAssertion, StatusField } from './status';
import { CriticalInfoType, CriticalValue } from './value';

const DAY = 86_400_000;
const T0 = new Date('2026-01-10T09:00:00Z');
const daysAfter = (days: number) => new Date(T0.getTime() + days * DAY);

const RENEWAL: StatusField = {
  id: 'f-renewal', type: CriticalInfoType.DATE, requiredInStages: [LifecycleStage.ACTIVE, LifecycleStage.RENEWAL], stalenessDays: 30, retiredAt: null, position: 10,
};
const TERMS: StatusField = { id: 'f-terms', type: CriticalInfoType.ENUM, requiredInStages: [LifecycleStage.ACTIVE], stalenessDays: 365, retiredAt: null, position: 20 };
const HEADCOUNT: StatusField = { id: 'f-headcount', type: CriticalInfoType.NUMBER, requiredInStages: [], stalenessDays: 365, retiredAt: null, position: 30 };

let n = 0;
function said(field: StatusField, divisionId: string, value: CriticalValue, at: Date, more: Partial<StatusAssertion> = {}): StatusAssertion {
  n += 1;
  return { id: `a-${String(n).padStart(3, '0')}`, fieldId: field.id, divisionId, value, resolvesConflict: false, assertedAt: at, recordedAt: at, ...more };
}

describe('critical-info status, with an injectable clock', () => {
  it('goes OK → STALE as time passes beyond the window (no sleeping: the clock moves)', () => {
    const clock = fixedClock(T0);
    const history = [said(RENEWAL, 'exhibits', '2027-03-31', T0)];
    expect(entryView(RENEWAL, history, LifecycleStage.ACTIVE, clock.now()).status).toBe(CriticalInfoStatus.OK);
    clock.advanceDays(30);
    expect(entryView(RENEWAL, history, LifecycleStage.ACTIVE, clock.now()).status).toBe(CriticalInfoStatus.OK);
    clock.advanceDays(1);
    const stale = entryView(RENEWAL, history, LifecycleStage.ACTIVE, clock.now());
    expect(stale.status).toBe(CriticalInfoStatus.STALE);
    expect(stale.staleAt).toEqual(daysAfter(30));
    // Confirming it again (a newer assertion) makes it OK again.
    const confirmed = [...history, said(RENEWAL, 'logistics', '2027-03-31', clock.now())];
    expect(entryView(RENEWAL, confirmed, LifecycleStage.ACTIVE, clock.now()).status).toBe(CriticalInfoStatus.OK);
  });

  it('is MISSING only where the stage requires it; EMPTY otherwise', () => {
    expect(entryView(RENEWAL, [], LifecycleStage.RENEWAL, T0)).toMatchObject({ status: CriticalInfoStatus.MISSING, required: true, current: null });
    expect(entryView(RENEWAL, [], LifecycleStage.PROSPECT, T0)).toMatchObject({ status: CriticalInfoStatus.EMPTY, required: false });
    expect(entryView({ ...RENEWAL, retiredAt: T0 }, [], LifecycleStage.ACTIVE, T0)).toMatchObject({ status: CriticalInfoStatus.EMPTY, required: false });
  });

  it('shows a CONFLICT when the newest values of two divisions differ within the window, and ends it on resolution', () => {
    const exhibits = said(TERMS, 'exhibits', 'Net 30', daysAfter(0));
    const logistics = said(TERMS, 'logistics', 'Net 60', daysAfter(2));
    const conflict = entryView(TERMS, [exhibits, logistics], LifecycleStage.ACTIVE, daysAfter(3));
    expect(conflict.status).toBe(CriticalInfoStatus.CONFLICT);
    expect(conflict.current).toBe(logistics);
    expect(conflict.divisionValues).toEqual([logistics, exhibits]);

    const resolution = said(TERMS, 'digital', 'Net 30', daysAfter(4), { resolvesConflict: true });
    const resolved = entryView(TERMS, [exhibits, logistics, resolution], LifecycleStage.ACTIVE, daysAfter(5));
    expect(resolved.status).toBe(CriticalInfoStatus.OK);
    expect(resolved.current).toBe(resolution);
    expect(resolved.history).toEqual([resolution, logistics, exhibits]);
    expect(resolved.divisionValues).toEqual([resolution]);

    // A division that disagrees after the resolution opens a new conflict.
    const again = said(TERMS, 'logistics', 'Net 60', daysAfter(6));
    expect(entryView(TERMS, [exhibits, logistics, resolution, again], LifecycleStage.ACTIVE, daysAfter(7)).status).toBe(CriticalInfoStatus.CONFLICT);
  });

  it('sees no conflict when a division changes its own mind, or when the other side is older than the window', () => {
    const own = [said(TERMS, 'exhibits', 'Net 30', daysAfter(0)), said(TERMS, 'exhibits', 'Net 60', daysAfter(1))];
    expect(entryView(TERMS, own, LifecycleStage.ACTIVE, daysAfter(2)).status).toBe(CriticalInfoStatus.OK);
    const old = [said(RENEWAL, 'exhibits', '2027-03-31', daysAfter(0)), said(RENEWAL, 'logistics', '2027-06-30', daysAfter(40))];
    expect(entryView(RENEWAL, old, LifecycleStage.ACTIVE, daysAfter(41)).status).toBe(CriticalInfoStatus.OK);
    // Same text in other words is agreement, not conflict.
    const text: StatusField = { ...TERMS, id: 'f-text', type: CriticalInfoType.TEXT };
    const same = [said(text, 'exhibits', 'Board signs', daysAfter(0)), said(text, 'logistics', 'board  signs', daysAfter(1))];
    expect(entryView(text, same, LifecycleStage.ACTIVE, daysAfter(2)).status).toBe(CriticalInfoStatus.OK);
  });

  it('leaves out assertions made after the instant asked for', () => {
    const later = said(TERMS, 'exhibits', 'Net 30', daysAfter(10));
    expect(entryView(TERMS, [later], LifecycleStage.ACTIVE, daysAfter(5)).status).toBe(CriticalInfoStatus.MISSING);
  });

  it('computes completeness per stage over the fields that stage requires', () => {
    const history = [said(RENEWAL, 'exhibits', '2027-03-31', daysAfter(0))];
    const score = (stage: LifecycleStage, at: Date) =>
      completeness([RENEWAL, TERMS, HEADCOUNT].map((field) => ({ field, view: entryView(field, history, stage, at) })));
    // ACTIVE requires renewal date and payment terms: one of two is OK.
    expect(score(LifecycleStage.ACTIVE, daysAfter(1))).toEqual({ percent: 50, required: 2, complete: 1, missing: 1, stale: 0, conflicts: 0 });
    // RENEWAL requires the renewal date only.
    expect(score(LifecycleStage.RENEWAL, daysAfter(1))).toEqual({ percent: 100, required: 1, complete: 1, missing: 0, stale: 0, conflicts: 0 });
    // Stale values do not count as complete.
    expect(score(LifecycleStage.RENEWAL, daysAfter(31))).toEqual({ percent: 0, required: 1, complete: 0, missing: 0, stale: 1, conflicts: 0 });
    // A stage that requires nothing is complete.
    expect(score(LifecycleStage.CHURNED, daysAfter(1)).percent).toBe(100);
  });
});
