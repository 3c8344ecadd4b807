/**
 * Small wording and path helpers every layer shares, so each is written once: a count with its noun
 * ("1 problem", "3 problems"), and the two spellings of a profile field's place, the dot path of rule data
 * and form names ("training.aitHours") and the JSON pointer of API answers ("/training/aitHours"); and
 * Markdown's escaping, so that a client's name or a rule's title cannot break a table or start a link.
 */
export const counted = (n: number, noun: string, nouns = `${noun}s`) => `${n} ${n === 1 ? noun : nouns}`;

export const pointerOf = (dotPath: string) => `/${dotPath.replace(/\./g, '/')}`;
export const dotPathOf = (pointer: string) => pointer.replace(/^\//, '').replace(/\//g, '.');

export const escapeMarkdown = (s: string) => s.replace(/([\\`*_[\]<>|])/g, '\\$1');

/**
 * A number as the pages write it: thousands grouped with commas, at most `fractionDigits` decimals, no
 * trailing zeros ("1,560", "9.6", "0.25"). Written out because Intl's formatter loads ICU's number data at
 * start-up, a tenth of the app's cold start.
 */
export function formatNumber(n: number, fractionDigits = 1): string {
  const scale = 10 ** fractionDigits;
  const rounded = Math.round(Math.abs(n) * scale) / scale;
  const sign = n < 0 && rounded !== 0 ? '-' : '';
  // Below a thousand nothing is grouped, and a number rounded to a few decimals prints as them ("9.6", "0.25").
  if (rounded < 1000) return `${sign}${rounded}`;
  const [whole, fraction] = rounded.toFixed(fractionDigits).split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const decimals = fraction?.replace(/0+$/, '');
  return `${sign}${grouped}${decimals ? `.${decimals}` : ''}`;
}

/** A title inside a sentence: "Licenses held" → "licenses held". */
export const lowerFirst = (s: string) => `${s.charAt(0).toLowerCase()}${s.slice(1)}`;
