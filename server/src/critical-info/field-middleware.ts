import { FieldMiddleware } from '@nestjs/graphql';
import type { RequestContext } from '../common/request-context';
import type { CriticalInfoAssertion, CriticalInfoField } from './critical-info.types';
import { CriticalInfoType, valueText } from './value';

/**
 * Fields of CriticalInfoField and CriticalInfoAssertion resolved by field
 * middleware (`@Field({ middleware })`) instead of @ResolveField methods:
 * plain functions over the request's DataLoaders, without the per-call
 * pipeline Nest runs for a resolver method (parameter factories and global
 * pipes: about ten promises a call). A critical-info panel shows each
 * assertion up to three times (history, the divisions' values, the current
 * one), each with these fields: on a key account, hundreds of calls.
 * The answers are those of the resolver methods they replace.
 */
type OfAssertion = FieldMiddleware<CriticalInfoAssertion, RequestContext>;
type OfField = FieldMiddleware<CriticalInfoField, RequestContext>;

export const assertionDivision: OfAssertion = ({ source, context }) => context.loaders.division.load(source.divisionId);

export const assertionColleague: OfAssertion = ({ source, context }) => (source.colleagueId ? context.loaders.colleague.load(source.colleagueId) : null);

export const assertionStakeholder: OfAssertion = ({ source, context }) =>
  source.type === CriticalInfoType.STAKEHOLDER_REF ? context.loaders.stakeholder.load(String(source.value)) : null;

export const assertionText: OfAssertion = ({ source, context }) => {
  const type = source.type ?? CriticalInfoType.TEXT;
  if (type !== CriticalInfoType.STAKEHOLDER_REF) return valueText(type, source.value);
  return context.loaders.stakeholder.load(String(source.value)).then((person) => valueText(type, source.value, person?.name));
};

export const fieldReliedOnBy: OfField = ({ source, context }) => context.loaders.division.loadMany(source.divisionIds);

export const fieldRetired: OfField = ({ source }) => source.retiredAt !== null;
