import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import { currencyExponent } from '../schemas/payments.js';
import { signedHeaders } from '../services/channels/signing.js';
import type { Services } from '../services/index.js';
import type { PaymentRequestView } from '../services/payments/payments.js';
import { DEMO_PAY_PATH } from '../services/payments/local-provider.js';
import { demoPage, escapeHtml, selfUrl } from './demo-page.js';
import { paymentWebhookPath } from './payment-webhook.js';

const TOKEN = /^lp_[A-Za-z0-9_-]{20,64}$/;

const CSS = '.pay{background:#1d4ed8;border-color:#1d4ed8;color:#fff}.status{font-weight:600}';
const page = (ctx: Parameters<Middleware>[0], title: string, body: string) => demoPage(ctx, title, body, CSS);

/** The amount in the currency's ISO 4217 decimals ("€12.50", "¥1,500"). */
const money = (r: PaymentRequestView) => {
  const digits = currencyExponent(r.currency) ?? 2;
  return new Intl.NumberFormat('en', { style: 'currency', currency: r.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    r.amountMinor / 10 ** digits,
  );
};

/**
 * The built-in local payments provider's checkout page, `/demo/pay/<token>`: plain
 * HTML under a strict CSP, no scripts, no external assets. Pay and Decline make the
 * "provider" post a signed webhook to the desk's `/payments/<tenant>/webhook`, on the
 * very address this request came in on (never a Host header), as a real provider would.
 * Mounted only in demo mode: anyone holding a link could mark it paid.
 */
export function demoPayRoute(desk: Services): Middleware {
  return async function demoPay(ctx, next) {
    if (!ctx.path.startsWith(DEMO_PAY_PATH)) return next();
    const token = ctx.path.slice(DEMO_PAY_PATH.length);
    const found = TOKEN.test(token) ? await desk.payments.checkout(token) : null;
    if (!found) {
      ctx.status = 404;
      return page(ctx, 'Payment link not found', '<p>This payment link does not exist.</p>');
    }
    if (ctx.method === 'POST') {
      const form = new URLSearchParams((await getRawBody(ctx.req, { limit: 4096, encoding: 'utf8' }).catch(() => '')) || '');
      const decision = form.get('decision');
      if ((decision !== 'pay' && decision !== 'decline') || found.request.status !== 'pending') return ctx.redirect(ctx.path);
      const body = JSON.stringify({ id: `lp-evt-${randomUUID()}`, type: 'payment', providerRef: token, status: decision === 'pay' ? 'paid' : 'failed' });
      const secret = await desk.payments.webhookSecret(found.tenantId);
      if (!secret) return ctx.redirect(ctx.path);
      const res = await fetch(selfUrl(ctx, paymentWebhookPath(found.tenantSlug)), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...signedHeaders(secret, body) },
        body,
        signal: AbortSignal.timeout(10_000),
      }).catch(() => null);
      if (!res?.ok) desk.log.warn({ status: res?.status }, 'demo checkout: the webhook was not accepted');
      ctx.status = 303;
      return ctx.redirect(ctx.path);
    }
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.status = 405;
      ctx.set('Allow', 'GET, POST');
      return;
    }
    const r = found.request;
    const status =
      r.status === 'pending'
        ? `<form method="post"><button name="decision" value="pay" class="pay">Pay ${escapeHtml(money(r))}</button> <button name="decision" value="decline">Decline</button></form>`
        : `<p class="status" data-status="${r.status}">${{ paid: 'Paid. Thank you!', failed: 'Declined: the payment failed.', expired: 'This payment request has expired.' }[r.status]}</p>`;
    return page(
      ctx,
      `Pay ${money(r)}`,
      `<p class="demo">Demo checkout: no money moves.</p><h1>${escapeHtml(money(r))}</h1><p>${escapeHtml(r.description)}</p>${status}`,
    );
  };
}
