import fc from 'fast-check';
import { schemas } from '../../src/data/schemas';
import type { Catalog } from '../../src/data/loadRuleSets';

/**
 * Valid applicant profiles for property tests, generated from the profile schema itself (so a field added
 * to the schema is generated without editing this file): every property optional, numbers within their
 * bounds, enums from their lists. Attestations are drawn from the ids the catalog marks attestable.
 */
type Schema = Record<string, any>;
const profileSchema = schemas['profile.schema.json'] as Schema;

function resolve(node: Schema): Schema {
  const ref = node.$ref as string | undefined;
  return ref?.startsWith('#/$defs/') ? { ...profileSchema.$defs[ref.slice(8)], ...node, $ref: undefined } : node;
}

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
export function profileArbitrary(catalog: Catalog): fc.Arbitrary<Record<string, unknown>> {
  const attested = fc.constantFrom(...catalog.jurisdictions).chain((j) => {
    const ids = [...new Set(Object.values(j.ruleSets).flatMap((rs) => rs.requirements.filter((r) => r.attestable).map((r) => r.id)))];
    return ids.length ? fc.subarray(ids, { minLength: 1 }).map((picked) => ({ [j.code]: picked })) : fc.constant({});
  });
  return fc.tuple(baseProfile as fc.Arbitrary<Record<string, unknown>>, fc.option(attested, { nil: undefined })).map(([profile, attestations]) =>
    attestations && Object.keys(attestations).length ? { ...profile, attestations } : profile,
  );
}

/** A jurisdiction code and license type from the catalog. */
export function ruleSetArbitrary(catalog: Catalog) {
  return fc.record({ jurisdiction: fc.constantFrom(...catalog.jurisdictions.map((j) => j.code)), license: fc.constantFrom('nha', 'ala') });
}
