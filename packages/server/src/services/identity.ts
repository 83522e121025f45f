import { errors, jwtVerify, SignJWT } from 'jose';
import type { Models } from '../models/index.js';
import { invalidField, notFound } from './errors.js';
import { randomToken } from './secrets.js';

/** What a host portal may say about its customer in an identity token. */
export interface VerifiedIdentity {
  /** The portal's own id for the customer (`sub`). */
  externalId: string;
  name?: string;
  email?: string;
  phone?: string;
}

const text = (value: unknown, max: number) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined);

/**
 * Customer identity tokens: a JWT (HS256) the host portal's backend signs with the
 * tenant's identity secret, carrying `sub` (its customer id), `iat`, `exp` (at most
 * 24 h apart), and optionally `name`, `email`, `phone`. A valid token makes the
 * web-chat customer verified.
 */
export class IdentityService {
  constructor(private readonly models: Models) {}

  async verify(tenantId: string, token: string): Promise<VerifiedIdentity> {
    const tenant = await this.models.Tenant.findOne({ _id: tenantId }).select({ identitySecret: 1 }).lean();
    if (!tenant?.identitySecret) throw invalidField('identityToken', 'this desk does not accept identity tokens');
    try {
      const { payload } = await jwtVerify(token, secretKey(tenant.identitySecret), {
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'exp', 'iat'],
        maxTokenAge: '24h',
        clockTolerance: 30,
      });
      const externalId = text(payload.sub, 200);
      if (!externalId) throw invalidField('identityToken', 'the token names no customer (sub)');
      const email = text(payload.email, 254)?.toLowerCase();
      return { externalId, name: text(payload.name, 120), email, phone: text(payload.phone, 40) };
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw invalidField('identityToken', 'the token has expired');
      // Claim problems are the portal's to fix: say which (e.g. missing "iat").
      if (err instanceof errors.JWTClaimValidationFailed) throw invalidField('identityToken', `the token's claims are not accepted (${err.message})`);
      if (err instanceof errors.JOSEError) throw invalidField('identityToken', 'the token is not valid for this desk');
      throw err;
    }
  }

  /** Creates a new secret (the old one stops working at once) and returns it, the only time it is shown. */
  async rotateSecret(tenantId: string): Promise<{ identitySecret: string }> {
    const identitySecret = randomToken(32);
    const { matchedCount } = await this.models.Tenant.updateOne({ _id: tenantId }, { $set: { identitySecret } });
    if (!matchedCount) throw notFound('tenant');
    return { identitySecret };
  }
}

export const secretKey = (secret: string) => new TextEncoder().encode(secret);

/** What a host portal's backend does to vouch for its customer (used by the demo and tests). */
export function signIdentityToken(secret: string, identity: VerifiedIdentity, expiresIn = '10m'): Promise<string> {
  const { externalId, ...claims } = identity;
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(externalId).setIssuedAt().setExpirationTime(expiresIn).sign(secretKey(secret));
}
