import { SetMetadata } from '@nestjs/common';
import { Audience } from './principal';

export const ALLOW_METADATA = 'ourcustomer:allow';

/**
 * Declares, next to a resolver, who may call it. The AuthGuard enforces it in
 * one place; an operation without @Allow is denied to everyone (fail closed).
 */
export const Allow = (...audiences: Audience[]) => SetMetadata(ALLOW_METADATA, audiences);

/** Any signed-in colleague (and the admin token): reading the shared hub. */
export const ForColleagues = () => Allow('REP');
/** Admins only: divisions, colleagues, tokens, the audit trail, merges and splits. */
export const ForAdmins = () => Allow('ADMIN');
/** Anyone, signed in or not (sign-in itself, `me`). */
export const ForAnyone = () => Allow('ANONYMOUS');
