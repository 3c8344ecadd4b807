import type { OperatorDefinition } from './operator';

interface HasLicenseValue {
  types: string[];
  minYears?: number;
  excluding?: string;
  jurisdictions?: string[];
}

interface LicenseEntry {
  type?: string;
  jurisdiction?: string;
  active?: boolean;
  years?: number;
}

function candidates(factValue: unknown, value: unknown): LicenseEntry[] {
  return indexedCandidates(factValue, value).map(([l]) => l);
}

/** The listed licenses of a kind and issuer the rule accepts, with their place in the list. */
function indexedCandidates(factValue: unknown, value: unknown): [LicenseEntry, number][] {
  if (!Array.isArray(factValue)) return [];
  const { types, excluding, jurisdictions } = value as HasLicenseValue;
  return (factValue as LicenseEntry[])
    .map((l, i) => [l, i] as [LicenseEntry, number])
    .filter(
      ([l]) =>
        l &&
        types.includes(String(l.type)) &&
        (excluding === undefined || l.jurisdiction !== excluding) &&
        (jurisdictions === undefined || jurisdictions.includes(String(l.jurisdiction))),
    );
}

/** Whether a license could still qualify once its missing status or years are given. */
const couldQualify = (l: LicenseEntry, minYears: number | undefined) =>
  l.active !== false && (minYears === undefined || l.years === undefined || (typeof l.years === 'number' && l.years >= minYears));

/** The status and years still to give, of the licenses that could qualify once they are given. */
function missingParts(factValue: unknown, value: unknown): string[] {
  const { minYears } = value as HasLicenseValue;
  return indexedCandidates(factValue, value)
    .filter(([l]) => couldQualify(l, minYears))
    .flatMap(([l, i]) => [...(l.active === undefined ? [`/${i}/active`] : []), ...(minYears !== undefined && l.years === undefined ? [`/${i}/years`] : [])]);
}

export const hasLicense: OperatorDefinition = {
  name: 'hasLicense',
  meta: {
    title: 'Holds an active license of a given type',
    description:
      'True when the applicant holds an active license of one of `types`, issued by one of `jurisdictions` (if given) ' +
      'and not by `excluding` (if given), ' +
      'held for at least `minYears` years. A matching license whose status or years are not given leaves the condition unknown.',
    path: 'credentials.licenses',
    valueSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['types'],
      properties: {
        // The kinds of license a profile can list: the profile schema is their one source.
        types: { type: 'array', minItems: 1, uniqueItems: true, items: { $ref: 'https://ltc-licensure-checker.example/schema/profile.schema.json#/properties/credentials/properties/licenses/items/properties/type' } },
        minYears: { type: 'number', minimum: 0 },
        excluding: { $ref: 'https://ltc-licensure-checker.example/schema/profile.schema.json#/$defs/jurisdictionCode' },
        jurisdictions: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { $ref: 'https://ltc-licensure-checker.example/schema/profile.schema.json#/$defs/jurisdictionCode' },
        },
      },
    },
  },
  evaluate(factValue, value) {
    const { minYears } = value as HasLicenseValue;
    return candidates(factValue, value).some(
      (l) => l.active === true && (minYears === undefined || (typeof l.years === 'number' && l.years >= minYears)),
    );
  },
  // Unknown only while some listed license could still qualify once its missing status or years are given:
  // not one already inactive, and not one whose years fall short.
  isUndecided: (factValue, value) => missingParts(factValue, value).length > 0,
  missingParts,
};
