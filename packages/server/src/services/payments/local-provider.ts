import { randomToken } from '../secrets.js';
import type { PaymentLink, PaymentLinkRequest, PaymentProvider } from './provider.js';

/** Where the desk serves the local provider's checkout pages. */
export const DEMO_PAY_PATH = '/demo/pay/';

/**
 * The built-in demo provider: the desk itself plays the payment page at
 * `/demo/pay/<token>` (see http/demo-pay.ts), whose Pay and Decline buttons post
 * signed webhooks like a real provider would. The token is the link's `providerRef`:
 * long and random, it is the customer's capability to see and answer that one page.
 * Pages are served only when the desk runs with `--demo`: it is no real payment.
 */
export class LocalPaymentProvider implements PaymentProvider {
  async createLink(_account: unknown, request: PaymentLinkRequest): Promise<PaymentLink> {
    const providerRef = `lp_${randomToken(24)}`;
    return { providerRef, url: `${DEMO_PAY_PATH}${providerRef}`, expiresAt: request.expiresAt };
  }
}
