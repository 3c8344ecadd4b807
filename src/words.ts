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
