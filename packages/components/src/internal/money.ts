/**
 * @license MIT
 * Amounts of money in the reader's language.
 */

const formats = new Map<string, Intl.NumberFormat>();

/**
 * `"12.50"` EUR → "€12.50" (en) or "12,50 €" (de); the decimals are the ones the
 * amount has (the server writes the currency's ISO 4217 decimals).
 */
export function formatMoney(amount: string, currency: string, lang: string): string {
  const digits = (amount.split('.')[1] ?? '').length;
  const key = `${lang}|${currency}|${digits}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    } catch {
      format = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    }
    formats.set(key, format);
  }
  const text = format.format(Number(amount));
  return format.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}
