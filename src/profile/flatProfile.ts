import type { Catalog } from '../data/loadRuleSets';
import type { Problem } from '../data/schemas';
import { LICENSE_TYPES } from '../data/ruleSetTypes';
import { choicesOf, profileModel, type FieldModel, type ProfileField } from './profileFields';
import { validateProfile } from './validateProfile';
import { emptyRecord, getPath, safeRecord, setPath } from './safePath';

/**
 * A profile as flat named values, both ways: the web form's inputs and a CSV file's columns are named by the
 * profile's dot paths ("training.aitHours", "credentials.licenses.0.type"), so a schema problem's JSON
 * pointer finds its input or column. Values are kept as typed, to show them again. How a field is read
 * follows its kind (profileFields): a list is typed in one input or cell, entries separated by commas or
 * semicolons, or "none"; a list of rows takes one input per part and row ("credentials.licenses.0.type").
 */
export type FlatValues = Record<string, string | string[] | undefined>;

/** The tick box saying a list of rows holds nothing, so that an empty list is told apart from an unanswered one. */
export const noneInputName = (listPath: string) => `${listPath}.none`;

export const textOf = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
export const listOf = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

type Names = (code: string) => string | undefined;

const YES = /^(yes|true|y)$/i;

/** The choice a typed entry names, by value or label in any case ("Bachelor", "NHA", "fl", "Florida"). */
function choiceNamed(field: ProfileField, typed: string, names: Names): string | undefined {
  const wanted = typed.toLowerCase();
  return choicesOf(field, names).find((o) => o.value.toLowerCase() === wanted || o.label.toLowerCase() === wanted)?.value;
}

/**
 * A typed value, or `undefined` for a blank; NaN-free: a non-number stays a string for the schema to reject.
 * Spreadsheets write yes/no as TRUE, False or Y, and choices in any case: each is read as the value it names.
 */
function parseScalar(field: ProfileField, raw: string, names: Names): unknown {
  if (raw === '') return undefined;
  if (field.kind === 'boolean') return YES.test(raw) ? true : /^(no|false|n)$/i.test(raw) ? false : raw;
  if (field.kind === 'integer' || field.kind === 'number') {
    const n = Number(raw.replace(/,/g, ''));
    return Number.isFinite(n) ? n : raw;
  }
  return choiceNamed(field, raw, names) ?? raw;
}

/**
 * A list typed in one input or cell: "TX, FL", "tx; Florida", "Dementia care; wound care". "none" is an
 * answer (nothing to list), unlike a blank (not known). Choices are read as the values they name; other
 * entries are kept as typed, trimmed. An entry naming no choice stays as typed, for the schema to refuse.
 */
function parseList(field: ProfileField, typed: string[], names: Names): unknown[] | undefined {
  const entries = typed.flatMap((s) => s.split(/[,;]/)).map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) return undefined;
  if (entries.length === 1 && /^none$/i.test(entries[0]!)) return [];
  if (field.kind === 'textList') return [...new Set(entries)];
  const values = entries.flatMap((entry) => {
    const named = choiceNamed(field, entry, names);
    if (named !== undefined) return [named];
    // Codes may be separated by spaces alone ("TX FL").
    const words = entry.split(/\s+/).map((w) => choiceNamed(field, w, names));
    return words.length > 1 && words.every((w) => w !== undefined) ? (words as string[]) : [entry];
  });
  return [...new Set(values)];
}

/** The rows typed, in order of their numbers, blank ones left out; `[]` when "none" is ticked. */
function parseRows(field: ProfileField, body: FlatValues, names: Names): Record<string, unknown>[] | undefined {
  const prefix = `${field.path}.`;
  const numbers = new Set(Object.keys(body).flatMap((k) => (k.startsWith(prefix) ? (/^(0|[1-9]\d*)\./.exec(k.slice(prefix.length))?.[1] ?? []) : [])));
  const rows = [...numbers]
    .sort((a, b) => Number(a) - Number(b))
    .flatMap((i) => {
      const row = emptyRecord();
      for (const part of field.parts ?? []) {
        const v = parseScalar(part, textOf(body[`${prefix}${i}.${part.path}`]), names);
        if (v !== undefined) setPath(row, part.path, v);
      }
      return Object.keys(row).length ? [row] : [];
    });
  // Ticking "none" is an answer (nothing held), unlike leaving every row blank (not known).
  return rows.length || YES.test(textOf(body[noneInputName(field.path)])) ? rows : undefined;
}

export interface ParsedFlat {
  jurisdiction: string;
  license: string;
  profile: Record<string, unknown>;
  values: FlatValues;
  problems: Problem[];
}

/**
 * The profile flat values describe. For a comparison (`forComparison`) no jurisdiction is needed and the
 * confirmed items are left out: they belong to one jurisdiction's rule sets.
 */
export function profileFromFlat(input: FlatValues, catalog: Catalog, { forComparison = false, model = profileModel }: { forComparison?: boolean; model?: FieldModel } = {}): ParsedFlat {
  // Input names are the client's: read them from a null-prototype copy, so no name finds an inherited value.
  const body = safeRecord(Object.entries(input));
  const profile = emptyRecord();
  const jurisdiction = forComparison ? '' : textOf(body.jurisdiction);
  const license = textOf(body.license);
  const names = new Map(catalog.jurisdictions.map((j) => [j.code, j.name]));
  const nameOf = (code: string) => names.get(code);
  const problems: Problem[] = [];
  for (const field of model.fields) {
    let value: unknown;
    switch (field.kind) {
      case 'keyedLists': {
        // Checkboxes send one id each; a CSV cell may hold several, separated by commas or semicolons.
        const ids = listOf(body[field.path]).flatMap((s) => s.split(/[\s,;]+/)).filter(Boolean);
        // The jurisdiction becomes a key only once the catalog knows it: a typed "__proto__.x" must stay text.
        if (ids.length && names.has(jurisdiction)) setPath(profile, `${field.path}.${jurisdiction}`, ids);
        continue;
      }
      case 'choiceList':
      case 'textList':
        value = parseList(field, listOf(body[field.path]), nameOf);
        break;
      case 'rows':
        value = parseRows(field, body, nameOf);
        break;
      default:
        value = parseScalar(field, textOf(body[field.path]), nameOf);
    }
    if (value !== undefined) setPath(profile, field.path, value);
  }
  if (forComparison ? !(LICENSE_TYPES as readonly string[]).includes(license) : !catalog.get(jurisdiction, license)) {
    const what = forComparison ? 'a license type' : 'a jurisdiction and license type';
    problems.push({ pointer: '/jurisdiction', message: `Choose ${what} from the lists.` });
  }
  problems.push(...validateProfile(profile, catalog));
  return { jurisdiction, license, profile, values: body, problems };
}

const scalarText = (v: unknown) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));

/**
 * The flat values of a profile: to fill the form from an example persona, or to carry checked answers to the
 * next page. Only the model's fields are read, so every name is one profileFromFlat reads back.
 */
export function flatFromProfile(profile: Record<string, unknown>, model: FieldModel = profileModel): FlatValues {
  const values: FlatValues = emptyRecord();
  for (const field of model.fields) {
    const value = getPath(profile, field.path);
    if (value === undefined) continue;
    switch (field.kind) {
      case 'choiceList':
      case 'textList':
        if (Array.isArray(value)) values[field.path] = value.length ? value.join(', ') : 'none';
        break;
      case 'rows':
        if (!Array.isArray(value)) break;
        if (value.length === 0) values[noneInputName(field.path)] = 'yes';
        value.forEach((item, i) => {
          for (const part of field.parts ?? []) {
            const v = getPath(item, part.path);
            if (v !== undefined) values[`${field.path}.${i}.${part.path}`] = scalarText(v);
          }
        });
        break;
      case 'keyedLists': {
        const ids = value && typeof value === 'object' ? Object.values(value).flat().filter((id) => typeof id === 'string') : [];
        if (ids.length) values[field.path] = ids;
        break;
      }
      default:
        values[field.path] = scalarText(value);
    }
  }
  return values;
}
