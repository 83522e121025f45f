/**
 * @license MIT
 * SMS lengths, for the forms that send one-way SMS (the chat window's and the customer profile's).
 */

/** The longest one-way SMS the desk sends (ten concatenated parts). */
export const MAX_SMS = 1_600;

// The GSM 03.38 basic set and its extension (which counts twice); anything else needs UCS-2.
const GSM = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€');

/** How many SMS parts a text takes: 160 GSM characters (153 per part when split), or 70 (67) for other scripts. */
export function smsParts(text: string): number {
  if (!text) return 0;
  let units = 0;
  let gsm = true;
  for (const char of text) {
    if (GSM.has(char)) units += 1;
    else if (GSM_EXTENDED.has(char)) units += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (!gsm) {
    // UCS-2 counts UTF-16 code units.
    units = text.length;
    return units <= 70 ? 1 : Math.ceil(units / 67);
  }
  return units <= 160 ? 1 : Math.ceil(units / 153);
}
