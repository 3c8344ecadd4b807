import type { Finding } from '../conditionTree';
import { fieldAt, fieldLabel, itemLabel, type ProfileField } from '../../profile/profileFields';
import { formatNumber, pointerOf } from '../../words';
import { ceFactWords } from '../../renewal/ceFactFields';

/** Building blocks the operators' wordings share: a field's title, a value's label, a number, the questions. */

export const number = (n: number) => formatNumber(n, 1);

/**
 * The JSON pointer and profile field a finding's path reads, worked out once per path: findings' paths come
 * from rule data alone (a few hundred), never from a request, and every checklist words dozens of them.
 */
const readsByPath = new Map<string, { pointer: string; field: ProfileField | undefined }>();
export function reads({ path }: Pick<Finding, 'path'>): { pointer: string; field: ProfileField | undefined } {
  let found = readsByPath.get(path);
  if (!found) {
    const pointer = pointerOf(path);
    readsByPath.set(path, (found = { pointer, field: fieldAt(pointer) }));
  }
  return found;
}

/** The field a finding reads, in words: a profile question, or a renewal fact of a course record. */
export const titleOf = (f: Finding) => (f.fact === 'ce' ? ceFactWords(f.path, undefined, f.labels)?.title : reads(f).field?.title) ?? f.path;

/** What a finding's figures count ("AIT hours", "hours on ethics"), for `count` of them where it matters. */
export const unitOf = (f: Finding, count?: number) => (f.fact === 'ce' ? ceFactWords(f.path, count, f.labels)?.unit : reads(f).field?.unit) ?? f.path;

/** A value as the form labels it ("bachelor" → "Bachelor's degree"), or as given. */
export const labelOf = (f: Finding, value: unknown): string => itemLabel(reads(f).pointer, String(value));

/** Several values as alternatives: "Bachelor's degree or Master's degree". */
export const alternatives = (f: Finding, values: unknown) => (Array.isArray(values) ? values : [values]).map((v) => labelOf(f, v)).join(' or ');

/** The profile questions behind pointers, by their titles ("License 1, active and in good standing"). */
export const questionTitles = (pointers: string[]): string[] => pointers.map(fieldLabel);

/** An unknown finding's wording: the questions that would settle it, by their titles. */
export const questions = (pointers: string[]) => questionTitles(pointers).join('; ');

/** The field a finding reads, as the one question that would settle it. */
export const fieldQuestion = (f: Finding) => (f.fact === 'ce' ? titleOf(f) : questions([reads(f).pointer]));

/**
 * The pointers an unknown finding waits for: the field when it is not answered, or, when it is answered but
 * incomplete, the parts its operator says are missing (a listed license's status or years).
 */
export function missingPointers(f: Finding, missingParts?: (factValue: unknown, value: unknown) => string[]): string[] {
  const field = reads(f).pointer;
  const parts = f.factResult === undefined || !missingParts ? [] : missingParts(f.factResult, f.value);
  return parts.length ? parts.map((p) => `${field}${p}`) : [field];
}
