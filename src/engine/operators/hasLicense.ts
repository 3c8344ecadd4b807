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
  if (!Array.isArray(factValue)) return [];
  const { types, excluding, jurisdictions } = value as HasLicenseValue;
  return (factValue as LicenseEntry[]).filter(
    (l) =>
      l &&
      types.includes(String(l.type)) &&
      (excluding === undefined || l.jurisdiction !== excluding) &&
      (jurisdictions === undefined || jurisdictions.includes(String(l.jurisdiction))),
  );
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
        types: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['nha', 'ala', 'rn', 'lpn', 'social-worker'] } },
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
  isUndecided(factValue, value) {
    const { minYears } = value as HasLicenseValue;
    return candidates(factValue, value).some(
      (l) =>
        l.active !== false &&
        (l.active === undefined || (minYears !== undefined && l.years === undefined)),
    );
  },
};
