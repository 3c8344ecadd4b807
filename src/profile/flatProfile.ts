import type { Catalog } from '../data/loadRuleSets';
import type { Problem } from '../data/schemas';
import { LICENSE_TYPES } from '../data/ruleSetTypes';
import { fieldGroups, jurisdictionCodes, licenseTypeLabels, type ProfileField } from './profileFields';
import { validateProfile } from './validateProfile';
import { emptyRecord, isSafeKey, safeRecord, setPath } from './safePath';

/**
 * A profile as flat named values, both ways: the web form's inputs and a CSV file's columns are named by the
 * profile's dot paths ("training.aitHours", "credentials.licenses.0.type"), so a schema problem's JSON
 * pointer finds its input or column. Values are kept as typed, to show them again.
 */
export type FlatValues = Record<string, string | string[] | undefined>;

const LICENSE_PARTS = ['type', 'jurisdiction', 'active', 'years'] as const;
/** The checkbox saying no license is held, so that an empty list is told apart from an unanswered one. */
export const NO_LICENSES = 'credentials.licenses.none';

export const textOf = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
export const listOf = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * A typed value, or `undefined` for a blank; NaN-free: a non-number stays a string for the schema to reject.
 * Spreadsheets write yes/no as TRUE, False or Y, and choices in any case ("Bachelor", "NHA", "fl"): each
 * is read as the value it names, by the value or by its label.
 */
function parseScalar(field: Pick<ProfileField, 'kind' | 'options'>, raw: string): unknown {
  if (raw === '') return undefined;
  if (field.kind === 'boolean') return /^(yes|true|y)$/i.test(raw) ? true : /^(no|false|n)$/i.test(raw) ? false : raw;
  if (field.kind === 'integer' || field.kind === 'number') {
    const n = Number(raw.replace(/,/g, ''));
    return Number.isFinite(n) ? n : raw;
  }
  const wanted = raw.toLowerCase();
  return field.options?.find((o) => o.value.toLowerCase() === wanted || o.label.toLowerCase() === wanted)?.value ?? raw;
}

/** The parts of a license row as fields, with their choices, from the profile schema. */
const LICENSE_PART_FIELDS: Record<(typeof LICENSE_PARTS)[number], Pick<ProfileField, 'kind' | 'options'>> = {
  type: { kind: 'choice', options: [...licenseTypeLabels].map(([value, label]) => ({ value, label })) },
  jurisdiction: { kind: 'choice', options: jurisdictionCodes.map((c) => ({ value: c, label: c })) },
  active: { kind: 'boolean' },
  years: { kind: 'number' },
};

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
export function profileFromFlat(input: FlatValues, catalog: Catalog, { forComparison = false } = {}): ParsedFlat {
  // Input names are the client's: read them from a null-prototype copy, so no name finds an inherited value.
  const body = safeRecord(Object.entries(input));
  const profile = emptyRecord();
  const jurisdiction = forComparison ? '' : textOf(body.jurisdiction);
  const license = textOf(body.license);
  const problems: Problem[] = [];
  for (const field of fieldGroups.flatMap((g) => g.fields)) {
    if (field.kind === 'attestations') {
      // Checkboxes send one id each; a CSV cell may hold several, separated by commas or semicolons.
      const ids = listOf(body.attestations).flatMap((s) => s.split(/[\s,;]+/)).filter(Boolean);
      // The jurisdiction becomes a key only once the catalog knows it: a typed "__proto__.x" must stay text.
      if (ids.length && catalog.jurisdictions.some((j) => j.code === jurisdiction)) setPath(profile, `attestations.${jurisdiction}`, ids);
    } else if (field.kind === 'jurisdictions') {
      // "none" is an answer (no state exam passed), unlike a blank (not known).
      const typed = textOf(body[field.path]);
      const codes = /^none$/i.test(typed) ? [] : typed.toUpperCase().split(/[\s,;]+/).filter(Boolean);
      if (typed !== '') setPath(profile, field.path, [...new Set(codes)]);
    } else if (field.kind === 'licenses') {
      const rows: Record<string, unknown>[] = [];
      const indexes = new Set(Object.keys(body).flatMap((k) => /^credentials\.licenses\.(\d{1,2})\./.exec(k)?.[1] ?? []).map(Number));
      for (const i of [...indexes].sort((a, b) => a - b)) {
        const row = emptyRecord();
        for (const part of LICENSE_PARTS) {
          const v = parseScalar(LICENSE_PART_FIELDS[part], textOf(body[`${field.path}.${i}.${part}`]));
          if (v !== undefined) row[part] = v;
        }
        if (Object.keys(row).length) rows.push(row);
      }
      // Ticking "none" is an answer (no license held), unlike leaving every row blank (not known).
      if (rows.length || textOf(body[NO_LICENSES]) === 'yes') setPath(profile, field.path, rows);
    } else {
      const v = parseScalar(field, textOf(body[field.path]));
      if (v !== undefined) setPath(profile, field.path, v);
    }
  }
  if (forComparison ? !(LICENSE_TYPES as readonly string[]).includes(license) : !catalog.get(jurisdiction, license)) {
    const what = forComparison ? 'a license type' : 'a jurisdiction and license type';
    problems.push({ pointer: '/jurisdiction', message: `Choose ${what} from the lists.` });
  }
  problems.push(...validateProfile(profile, catalog));
  return { jurisdiction, license, profile, values: body, problems };
}

/** The flat values of a profile: to fill the form from an example persona, or to carry checked answers to the next page. */
export function flatFromProfile(profile: Record<string, unknown>): FlatValues {
  const values: FlatValues = emptyRecord();
  const walk = (node: unknown, prefix: string) => {
    if (Array.isArray(node)) {
      if (prefix === 'exams.stateExams') values[prefix] = node.length ? node.join(', ') : 'none';
      else if (prefix === 'credentials.licenses' && node.length === 0) values[NO_LICENSES] = 'yes';
      else node.forEach((item, i) => walk(item, `${prefix}.${i}`));
    } else if (node && typeof node === 'object') {
      // Each key becomes an input's name, read back by profileFromFlat: the refused names never become one.
      for (const [k, v] of Object.entries(node)) if (isSafeKey(k)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else if (typeof node === 'boolean') values[prefix] = node ? 'yes' : 'no';
    else if (node !== undefined) values[prefix] = String(node);
  };
  const { attestations, ...rest } = profile;
  walk(rest, '');
  const ids = Object.values((attestations ?? {}) as Record<string, string[]>).flat();
  if (ids.length) values.attestations = ids;
  return values;
}

