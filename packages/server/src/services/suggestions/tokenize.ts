/// <reference path="./stopword.d.ts" />
// (Referenced, so a partner project type-checking the router through the client finds it too.)
import stopword from 'stopword';
import { stemmer } from 'stemmer';

const stopwords = new Set(stopword.eng);
/** Letters and digits of any script; apostrophes inside words (`don't`) are dropped. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const MAX_TOKEN = 40;

/**
 * Terms of a text for ranking: lowercased words without English stopwords,
 * Porter-stemmed (`refunds`, `refunded` → `refund`). Numbers are kept (`4.2.1` → `4`, `2`, `1`).
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const [match] of text.toLowerCase().normalize('NFKC').matchAll(WORD)) {
    const word = match.replace(/['’]/g, '');
    if (word.length > MAX_TOKEN || stopwords.has(word) || stopwords.has(match)) continue;
    terms.push(/^[a-z]+$/.test(word) ? stemmer(word) : word);
  }
  return terms;
}
