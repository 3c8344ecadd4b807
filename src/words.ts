/**
 * Small wording and path helpers every layer shares, so each is written once: a count with its noun
 * ("1 problem", "3 problems"), and the two spellings of a profile field's place, the dot path of rule data
 * and form names ("training.aitHours") and the JSON pointer of API answers ("/training/aitHours").
 */
export const counted = (n: number, noun: string, nouns = `${noun}s`) => `${n} ${n === 1 ? noun : nouns}`;

export const pointerOf = (dotPath: string) => `/${dotPath.replace(/\./g, '/')}`;
export const dotPathOf = (pointer: string) => pointer.replace(/^\//, '').replace(/\//g, '.');
