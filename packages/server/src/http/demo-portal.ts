import type { Middleware } from 'koa';
import type { Services } from '../services/index.js';
import { signIdentityToken } from '../services/identity.js';
import { demoPortalCustomer } from '../services/seed.js';

/**
 * Demo only: plays the host portal's backend, which knows its signed-in customer
 * and signs an identity token for them with the tenant's secret. A real portal
 * does this on its own server; the secret never reaches a browser.
 */
export function demoIdentityRoute(desk: Services, tenant = 'demo'): Middleware {
  return async function demoIdentity(ctx, next) {
    if (ctx.path !== '/demo/identity-token' || ctx.method !== 'GET') return next();
    const row = await desk.models.Tenant.findOne({ slug: tenant }).select({ identitySecret: 1 }).lean();
    if (!row?.identitySecret) {
      ctx.status = 404;
      ctx.body = { error: 'the demo tenant has no identity secret; run the seed' };
      return;
    }
    const { externalId, name, email, phone } = demoPortalCustomer;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { token: await signIdentityToken(row.identitySecret, { externalId, name, email, phone }), customer: { name, email } };
  };
}
