import { LifecycleStage } from '../accounts/account.entity';
import { CriticalInfoType } from './value';

/** One field of the default catalogue, as the migration seeds it. */
export interface DefaultField {
  key: string;
  label: string;
  whyCritical: string;
  howItHelps: string;
  type: CriticalInfoType;
  options?: string[];
  requiredInStages: LifecycleStage[];
  stalenessDays: number;
  /** NUMBER fields: what they take (set by migration 1763905000000, CriticalInfoNumberRules). */
  numberRule?: { wholeNumbers: boolean; minimum: number | null; maximum: number | null };
}

const { PROSPECT, ONBOARDING, ACTIVE, RENEWAL, AT_RISK } = LifecycleStage;

/**
 * The facts a B2B sales organisation keeps asking for, each with why it is
 * critical and how it helps care for the customer. Seeded once by migration
 * 1763900400000 from its own frozen copy of this list (every division relies
 * on them until an admin narrows it); later changes go through the catalogue
 * mutations, not this list. The keys
 * are the contract with the divisions' integrations.
 */
export const DEFAULT_CATALOGUE: DefaultField[] = [
  {
    key: 'decision_process',
    label: 'Decision process',
    whyCritical: 'Who signs, who must agree and in which order: without it we pitch to people who cannot say yes, and deals stall in a step nobody saw coming.',
    howItHelps: 'Every division works the same path to a decision instead of each rediscovering it, and proposals arrive at the right desk at the right time.',
    type: CriticalInfoType.TEXT,
    requiredInStages: [PROSPECT, RENEWAL, AT_RISK],
    stalenessDays: 180,
  },
  {
    key: 'economic_buyer',
    label: 'Economic buyer',
    whyCritical: 'The one person who can release the money. Divisions that talk to different "buyers" send the customer mixed signals.',
    howItHelps: 'We agree on whom we court together and never go around the buyer through another division.',
    type: CriticalInfoType.STAKEHOLDER_REF,
    requiredInStages: [PROSPECT, RENEWAL, AT_RISK],
    stalenessDays: 180,
  },
  {
    key: 'budget_cycle',
    label: 'Budget cycle',
    whyCritical: 'Budgets are set once a year: a proposal that misses the planning window waits twelve months, whatever its merit.',
    howItHelps: 'Divisions time their proposals for the planning window and can bundle them into one budget line for the customer.',
    type: CriticalInfoType.ENUM,
    options: ['Calendar year (January)', 'Fiscal year from April', 'Fiscal year from July', 'Fiscal year from October', 'Per project'],
    requiredInStages: [PROSPECT, ACTIVE, RENEWAL],
    stalenessDays: 365,
  },
  {
    key: 'annual_budget',
    label: 'Annual budget for our services',
    whyCritical: 'What the customer can spend with us in a year: it sizes every proposal and shows how much room is left for another division.',
    howItHelps: 'Divisions do not compete for the same money without knowing it, and we offer what fits instead of what gets cut.',
    type: CriticalInfoType.MONEY,
    requiredInStages: [PROSPECT, RENEWAL],
    stalenessDays: 365,
  },
  {
    key: 'contract_renewal_date',
    label: 'Contract renewal date',
    whyCritical: 'The date the customer can leave or renegotiate. Missing it turns a renewal into a tender.',
    howItHelps: 'All divisions prepare the renewal together months ahead, with one account review instead of several surprises.',
    type: CriticalInfoType.DATE,
    requiredInStages: [ACTIVE, RENEWAL, AT_RISK],
    stalenessDays: 365,
  },
  {
    key: 'current_vendors',
    label: 'Current vendors and competitors',
    whyCritical: 'Who else serves them and how they feel about it: the benchmark every proposal is judged against.',
    howItHelps: 'We position against the real alternative and spot where a competitor is weak across divisions.',
    type: CriticalInfoType.TEXT,
    requiredInStages: [PROSPECT, RENEWAL, AT_RISK],
    stalenessDays: 180,
  },
  {
    key: 'strategic_priorities',
    label: 'Strategic priorities',
    whyCritical: 'What the customer must achieve this year. Offers that do not serve it are noise to them.',
    howItHelps: 'Every division talks about the customer\'s goals in the same words and links its offer to them.',
    type: CriticalInfoType.TEXT,
    requiredInStages: [ACTIVE, RENEWAL],
    stalenessDays: 180,
  },
  {
    key: 'key_pain_points',
    label: 'Key pain points',
    whyCritical: 'What hurts today. A customer who has to explain it again to every division feels unheard.',
    howItHelps: 'We start each conversation from what they told us before and show we listen as one company.',
    type: CriticalInfoType.TEXT,
    requiredInStages: [PROSPECT, ONBOARDING, ACTIVE, AT_RISK],
    stalenessDays: 120,
  },
  {
    key: 'procurement_rules',
    label: 'Procurement rules',
    whyCritical: 'Thresholds, tenders, approved-supplier lists and the number of quotes required: they decide whether an offer can be accepted at all.',
    howItHelps: 'Divisions shape offers that procurement can sign without a new tender, and stay on the approved-supplier list.',
    type: CriticalInfoType.TEXT,
    requiredInStages: [PROSPECT, RENEWAL],
    stalenessDays: 365,
  },
  {
    key: 'payment_terms',
    label: 'Payment terms',
    whyCritical: 'Agreed terms differ per customer; quoting other terms delays orders and upsets their accounts payable.',
    howItHelps: 'Every division quotes and invoices the same way, so finance on both sides sees one supplier.',
    type: CriticalInfoType.ENUM,
    options: ['Prepayment', 'Net 15', 'Net 30', 'Net 45', 'Net 60', 'Net 90'],
    requiredInStages: [ONBOARDING, ACTIVE],
    stalenessDays: 365,
  },
  {
    key: 'framework_agreement',
    label: 'Framework agreement in place',
    whyCritical: 'With a framework agreement, orders go through it: a division that ignores it creates contract trouble.',
    howItHelps: 'Divisions sell under the existing agreement instead of starting new contract negotiations.',
    type: CriticalInfoType.BOOLEAN,
    requiredInStages: [ACTIVE, RENEWAL],
    stalenessDays: 365,
  },
  {
    key: 'preferred_channel',
    label: 'Preferred channel',
    whyCritical: 'How the customer wants to be contacted. Calls to someone who only answers email cost goodwill.',
    howItHelps: 'Everyone reaches the customer the way they like, and nobody floods them through the wrong channel.',
    type: CriticalInfoType.ENUM,
    options: ['Email', 'Phone', 'Video call', 'In person', 'Customer portal'],
    requiredInStages: [ONBOARDING, ACTIVE],
    stalenessDays: 180,
  },
  {
    key: 'services_in_use',
    label: 'Our services in use',
    whyCritical: 'Which of our services the customer already buys: the base for cross-selling, and what must not be disturbed.',
    howItHelps: 'Divisions see at a glance where the customer already trusts us and what another division could add.',
    type: CriticalInfoType.MULTI_ENUM,
    options: ['Trade fair stands', 'Event management', 'Freight', 'Warehousing', 'Web and apps', 'Digital campaigns', 'Print', 'Packaging'],
    requiredInStages: [ACTIVE, RENEWAL, AT_RISK],
    stalenessDays: 365,
  },
  {
    key: 'employee_count',
    label: 'Number of employees',
    whyCritical: 'Company size changes what they need and who decides; growth or cuts announce new projects or risk.',
    howItHelps: 'Divisions size their offers right and notice early when the customer grows or shrinks.',
    type: CriticalInfoType.NUMBER,
    numberRule: { wholeNumbers: true, minimum: 0, maximum: 10_000_000 },
    requiredInStages: [],
    stalenessDays: 730,
  },
];
