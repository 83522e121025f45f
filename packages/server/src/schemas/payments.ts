import currencyCodes from 'currency-codes';
import { z } from 'zod';
import { endpointSchema, objectIdSchema } from './common.js';
import { clientMessageIdSchema } from './conversations.js';

/** Where a payment request is; it only ever moves forward from `pending`. */
export const paymentStatuses = ['pending', 'paid', 'failed', 'expired'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];
/** What a provider may report. */
export const finalPaymentStatuses = ['paid', 'failed', 'expired'] as const;

/** ISO 4217 codes that are not money one can ask a customer for: metals, funds, test and "no currency". */
const NOT_PAYABLE = new Set(['XAU', 'XAG', 'XPT', 'XPD', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA', 'XTS', 'XXX', 'BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW']);

/** Decimal places of a payable ISO 4217 currency (JPY 0, EUR 2, BHD 3), or undefined. */
export function currencyExponent(code: string): number | undefined {
  if (NOT_PAYABLE.has(code)) return undefined;
  return currencyCodes.code(code)?.digits;
}

/** Payable ISO 4217 codes (from the `currency-codes` package, ISO list of its publish date). */
export const payableCurrencies = (): string[] => currencyCodes.codes().filter((code) => currencyExponent(code) !== undefined);

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => /^[A-Z]{3}$/.test(code) && currencyExponent(code) !== undefined, 'must be an ISO 4217 currency code such as EUR');

/** Largest amount in minor units (safely an integer, and far above any chat payment). */
export const MAX_AMOUNT_MINOR = 10_000_000_000;

/**
 * `"12.50"` EUR → 1250. The amount is a decimal string in major units with at most as
 * many decimals as the currency has (none for JPY); returns a message when it is not.
 */
export function toMinorUnits(amount: string, currency: string): { minor: number } | { error: string } {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) return { error: 'unknown currency' };
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(amount);
  if (!match) return { error: 'must be a decimal number such as 12.50 (a dot, no thousands separators)' };
  const decimals = match[2] ?? '';
  if (decimals.length > exponent) {
    return { error: exponent === 0 ? `${currency} has no minor unit: use a whole number` : `${currency} allows at most ${exponent} decimal places` };
  }
  const minor = Number(match[1]) * 10 ** exponent + Number(decimals.padEnd(exponent, '0') || '0');
  if (minor <= 0) return { error: 'must be more than zero' };
  if (minor > MAX_AMOUNT_MINOR) return { error: 'is too large' };
  return { minor };
}

/** 1250 EUR → `"12.50"`; 1500 JPY → `"1500"`. */
export function majorUnits(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency) ?? 0;
  if (!exponent) return String(amountMinor);
  const digits = String(amountMinor).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

export const requestPaymentSchema = z
  .object({
    conversationId: objectIdSchema,
    /** Major units as a decimal string: `"12.50"` EUR, `"1500"` JPY. */
    amount: z.string().trim().max(32),
    currency: currencySchema,
    description: z.string().trim().min(1, 'must not be empty').max(200),
    /** How long the link stays payable; 1 day unless said otherwise. */
    expiresInMinutes: z.number().int().min(5).max(30 * 24 * 60).default(24 * 60),
    clientMessageId: clientMessageIdSchema,
  })
  .superRefine((input, ctx) => {
    const result = toMinorUnits(input.amount, input.currency);
    if ('error' in result) ctx.addIssue({ code: 'custom', path: ['amount'], message: result.error });
  });
export type RequestPaymentInput = z.infer<typeof requestPaymentSchema>;

/**
 * The tenant's payments provider: `local` (the desk's own demo checkout; links work only
 * when the desk runs with --demo or on loopback) or `http` (a provider at `endpoint`).
 */
export const configurePaymentsSchema = z.object({
  provider: z.enum(['local', 'http']),
  endpoint: endpointSchema.optional(),
  enabled: z.boolean().default(true),
});
export type ConfigurePaymentsInput = z.infer<typeof configurePaymentsSchema>;

export const rotatePaymentSecretSchema = z.object({ which: z.enum(['webhook', 'signing', 'both']).default('both') });

export const listPaymentsSchema = z.object({ conversationId: objectIdSchema });
export const cancelPaymentSchema = z.object({ requestId: objectIdSchema });

/** A provider's signed event about one payment link (`POST /payments/<tenant>/webhook`). */
export const paymentWebhookEventSchema = z.object({
  /** The provider's event id: a replay of a handled id does nothing. */
  id: z.string().trim().min(1).max(200),
  type: z.literal('payment'),
  providerRef: z.string().trim().min(1).max(200),
  status: z.enum(finalPaymentStatuses),
});
export type PaymentWebhookEvent = z.infer<typeof paymentWebhookEventSchema>;
