import { ColleagueRole } from '../colleagues/colleague.entity';
import { mayReadContent, visibleContent } from './confidentiality';
import { Principal } from './principal';

const colleague = (role: ColleagueRole, divisionId: string): Principal => ({
  kind: 'colleague', id: 'c', email: 'c@x', name: 'C', role, divisionId, sessionId: 's',
});

describe('confidential content', () => {
  const items = [
    { id: 1, divisionId: 'exhibits', confidential: true, subject: 'Pricing', summary: 'Discount 20%', occurredAt: '2026-11-01' },
    { id: 2, divisionId: 'logistics', confidential: true, subject: 'Tender', summary: 'Bid', occurredAt: '2026-11-02' },
    { id: 3, divisionId: 'logistics', confidential: false, subject: 'Visit', summary: 'Plant tour', occurredAt: '2026-11-03' },
  ];

  it('shows confidential content to its own division and to admins only; the fact stays visible', () => {
    const rep = colleague(ColleagueRole.REP, 'exhibits');
    const seen = visibleContent(rep, items, ['subject', 'summary']);
    expect(seen.map((i) => [i.id, i.subject, i.contentHidden])).toEqual([[1, 'Pricing', false], [2, null, true], [3, 'Visit', false]]);
    expect(seen[1]).toMatchObject({ id: 2, divisionId: 'logistics', occurredAt: '2026-11-02', summary: null });
    const manager = colleague(ColleagueRole.MANAGER, 'digital');
    expect(visibleContent(manager, items, ['subject', 'summary']).filter((i) => i.contentHidden).map((i) => i.id)).toEqual([1, 2]);
    for (const admin of [colleague(ColleagueRole.ADMIN, 'digital'), { kind: 'admin-token' } as Principal]) {
      expect(visibleContent(admin, items, ['subject', 'summary']).every((i) => !i.contentHidden)).toBe(true);
    }
  });

  it('shows no content to integrations or anonymous callers', () => {
    const integration: Principal = { kind: 'integration', tokenId: 't', divisionId: 'logistics', name: 'crm' };
    expect(items.map((i) => mayReadContent(integration, i))).toEqual([false, false, false]);
    expect(items.map((i) => mayReadContent({ kind: 'anonymous' }, i))).toEqual([false, false, false]);
  });

  it('never mutates the items it is given', () => {
    visibleContent(colleague(ColleagueRole.REP, 'digital'), items, ['subject']);
    expect(items[0].subject).toBe('Pricing');
  });
});
