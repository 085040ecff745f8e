import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as argon2 from 'argon2';

/** Passwords: argon2id (OWASP parameters: 19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

// A real hash to verify against when the email is unknown, so timing does not reveal who exists.
const DUMMY_HASH = hashPassword('not-a-real-password-' + randomBytes(8).toString('hex'));

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash ?? (await DUMMY_HASH), password);
  } catch {
    return false;
  }
}

/** A random bearer secret with a readable prefix (so leaked tokens are recognisable in scanners). */
export function newSecret(prefix: 'ocs' | 'oci'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Secrets are stored only as SHA-256 hashes: high-entropy tokens need no slow hash. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(secretHash(a));
  const y = Buffer.from(secretHash(b));
  return timingSafeEqual(x, y);
}
