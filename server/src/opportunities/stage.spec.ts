import { isClosedStage } from './stage';

describe('isClosedStage: a stage is read as words', () => {
  it.each([
    'Closed Won', 'Closed Lost', 'closed-won', 'closedwon', 'Closed', 'Won', 'Lost - no budget', 'Cancelled', 'Canceled', 'Dead',
    '6 - Closed Won', '07. Lost', 'Stage 5: Closed Lost', 'Deal lost', 'Deal won', 'Verloren', 'Gewonnen', 'Perdu', 'Gagné', 'Perdido', 'Ganado',
    // Found by exploratory testing: the feminine forms counted as open.
    'Fermée gagnée', 'Fermée perdue', 'Cerrada perdida', 'Cerrada ganada', 'Annulée', 'Cancelada',
  ])('"%s" is closed', (stage) => expect(isClosedStage(stage)).toBe(true));

  // Found by exploratory testing: both were counted closed (a closing word anywhere in the text).
  it.each([
    'Qualification (not lost yet)', "Won't know until Q3", 'Won’t decide before Q1', 'Proposal', 'Negotiation', 'Prospecting',
    'Closing', '3 - Proposal', '', '   ',
  ])('"%s" is open', (stage) => expect(isClosedStage(stage)).toBe(false));
});
