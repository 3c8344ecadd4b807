import fc from 'fast-check';
import { schemas } from '../../src/data/schemas';
import { resolveLocal } from '../../src/data/schemaRefs';
import type { Catalog } from '../../src/data/loadRuleSets';

/**
 * Valid applicant profiles for property tests, generated from the profile schema itself (so a field added
 * to the schema is generated without editing this file): every property optional, numbers within their
 * bounds, enums from their lists. Attestations are drawn from the ids the catalog marks attestable. Also,
 * from the same schema, which answers a profile holds and a valid answer for any one field, to take
 * answers out of a profile or put them in.
 */
type Schema = Record<string, any>;
export type Profile = Record<string, unknown>;
const profileSchema = schemas['profile.schema.json'] as Schema;
const resolve = (node: Schema): Schema => resolveLocal(node, profileSchema);

function fromSchema(raw: Schema): fc.Arbitrary<unknown> {
  const node = resolve(raw);
  if (node.enum) return fc.constantFrom(...(node.enum as unknown[]));
  switch (node.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: node.minimum ?? 0, max: node.maximum ?? 1000 });
    case 'number':
      // Whole and fractional values, and the bounds themselves.
      return fc.oneof(
        fc.integer({ min: node.minimum ?? 0, max: node.maximum ?? 1000 }),
        fc.double({ min: node.minimum ?? 0, max: node.maximum ?? 1000, noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(node.minimum ?? 0, node.maximum ?? 1000),
      );
    case 'array':
      return node.uniqueItems
        ? fc.uniqueArray(fromSchema(node.items) as fc.Arbitrary<string>, { maxLength: Math.min(node.maxItems ?? 5, 5) })
        : fc.array(fromSchema(node.items), { maxLength: Math.min(node.maxItems ?? 3, 3) });
    case 'object': {
      const properties = Object.fromEntries(Object.entries(node.properties ?? {}).map(([k, v]) => [k, fromSchema(v as Schema)]));
      return fc.record(properties, { requiredKeys: (node.required ?? []) as never[] });
    }
    default:
      throw new Error(`no arbitrary for schema ${JSON.stringify(node).slice(0, 80)}`);
  }
}

const { attestations: _attestations, ...withoutAttestations } = profileSchema.properties;
const baseProfile = fromSchema({ type: 'object', properties: withoutAttestations });

/** A valid profile; with a catalog, it may also confirm some attestable items of one jurisdiction. */
export function profileArbitrary(catalog: Catalog): fc.Arbitrary<Profile> {
  const attested = fc.constantFrom(...catalog.jurisdictions).chain((j) => {
    const ids = [...new Set(Object.values(j.ruleSets).flatMap((rs) => rs.requirements.filter((r) => r.attestable).map((r) => r.id)))];
    return ids.length ? fc.subarray(ids, { minLength: 1 }).map((picked) => ({ [j.code]: picked })) : fc.constant({});
  });
  return fc.tuple(baseProfile as fc.Arbitrary<Profile>, fc.option(attested, { nil: undefined })).map(([profile, attestations]) =>
    attestations && Object.keys(attestations).length ? { ...profile, attestations } : profile,
  );
}

/** A jurisdiction code and license type from the catalog. */
export function ruleSetArbitrary(catalog: Catalog) {
  return fc.record({ jurisdiction: fc.constantFrom(...catalog.jurisdictions.map((j) => j.code)), license: fc.constantFrom('nha', 'ala') });
}

const segments = (pointer: string) => pointer.split('/').slice(1);

/** The schema of the profile value at a JSON pointer (list items by index), or undefined where the profile has no such field. */
export function schemaAt(pointer: string): Schema | undefined {
  let node: Schema | undefined = profileSchema;
  for (const key of segments(pointer)) {
    const here: Schema = resolve(node!);
    const pattern = Object.entries((here.patternProperties ?? {}) as Record<string, Schema>).find(([re]) => new RegExp(re).test(key));
    node = here.type === 'array' ? (/^\d+$/.test(key) ? here.items : undefined) : Object.hasOwn(here.properties ?? {}, key) ? here.properties[key] : pattern?.[1];
    if (!node) return undefined;
  }
  return resolve(node!);
}

/** A valid answer for the profile field at a pointer. */
export const answerArbitrary = (pointer: string): fc.Arbitrary<unknown> => fromSchema(schemaAt(pointer)!);

/**
 * Lists whose every item is an answer of its own: the items confirmed as done, where an item left out is
 * not known yet, never "not done" (README). In any other list, such as the state exams passed, an item
 * left out changes the answer instead.
 */
const ITEMS_ARE_ANSWERS = /^\/attestations\/[^/]+$/;

/**
 * The pointers of the answers a profile holds that it would still be valid without: every field given
 * that its object does not require, at any depth (a license row's status and years, not its type), and
 * each confirmed item.
 */
export function optionalAnswers(profile: Profile): string[] {
  const found: string[] = [];
  const walk = (value: unknown, pointer: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (ITEMS_ARE_ANSWERS.test(pointer)) found.push(`${pointer}/${i}`);
        walk(item, `${pointer}/${i}`);
      });
    } else if (value && typeof value === 'object') {
      const required: string[] = schemaAt(pointer)?.required ?? [];
      for (const [key, child] of Object.entries(value)) {
        if (!required.includes(key)) found.push(`${pointer}/${key}`);
        walk(child, `${pointer}/${key}`);
      }
    }
  };
  walk(profile, '');
  return found;
}

/** The parent of the value at a pointer, and the last key, in a profile; undefined where the parent is absent. */
function parentOf(profile: Profile, pointer: string): [Record<string, unknown> | unknown[], string] | undefined {
  const keys = segments(pointer);
  let node: unknown = profile;
  for (const key of keys.slice(0, -1)) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node && typeof node === 'object' ? [node as Record<string, unknown>, keys.at(-1)!] : undefined;
}

/** A copy of the profile without the answers at these pointers (pointers as optionalAnswers gives them). */
export function withoutAnswers(profile: Profile, pointers: readonly string[]): Profile {
  const copy = structuredClone(profile);
  // The last items of a list first, so that each index still points where it did.
  const byIndexDown = [...pointers].sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
  for (const pointer of byIndexDown) {
    const place = parentOf(copy, pointer);
    if (!place) continue;
    const [parent, key] = place;
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  }
  return copy;
}

/** Sets the answer at a pointer in place, adding the objects on the way (a list item must be there already). */
export function setAnswer(profile: Profile, pointer: string, value: unknown): void {
  const keys = segments(pointer);
  let node = profile as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    if (!Object.hasOwn(node, key)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/** Whether the profile holds an answer at a pointer. */
export const hasAnswer = (profile: Profile, pointer: string): boolean => {
  const place = parentOf(profile, pointer);
  return place !== undefined && Object.hasOwn(place[0], place[1]);
};
