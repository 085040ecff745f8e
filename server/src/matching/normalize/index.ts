/**
 * Identity-resolution normalisation: pure functions that turn raw company names,
 * domains, phone numbers, person names and addresses into comparison keys, plus
 * string-similarity measures. No I/O, no framework dependencies.
 */
export * from './company-name';
export * from './domain';
export * from './phone';
export * from './person-name';
export * from './similarity';
export * from './address';
export * from './registry-id';
export { foldText, foldWords } from './text';
export * from './legal-forms';
export * from './free-mail-domains';
export * from './role-mailboxes';
export * from './nicknames';
export * from './given-names';
export * from './common-names';
export * from './short-forms';
