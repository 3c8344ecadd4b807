import type { OperatorDefinition } from './operator';
import type { Status } from '../../data/ruleSetTypes';
import { missingPointers, questions } from './wordingParts';
import { counted } from '../../words';

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

/** The listed licenses of a kind and issuer the rule accepts, with their place in the list. */
function candidates(factValue: unknown, value: unknown): [LicenseEntry, number][] {
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

const qualifies = (l: LicenseEntry, minYears: number | undefined) =>
  l.active === true && (minYears === undefined || (typeof l.years === 'number' && l.years >= minYears));

/** Whether a license could still qualify once its missing status or years are given. */
const couldQualify = (l: LicenseEntry, minYears: number | undefined) =>
  l.active !== false && (minYears === undefined || l.years === undefined || (typeof l.years === 'number' && l.years >= minYears));

/** The status and years still to give, of the licenses that could qualify once they are given. */
function missingParts(factValue: unknown, value: unknown): string[] {
  const { minYears } = value as HasLicenseValue;
  return candidates(factValue, value)
    .filter(([l]) => couldQualify(l, minYears))
    .flatMap(([l, i]) => [...(l.active === undefined ? [`/${i}/active`] : []), ...(minYears !== undefined && l.years === undefined ? [`/${i}/years`] : [])]);
}

export const hasLicense: OperatorDefinition = {
  name: 'hasLicense',
  meta: {
    title: 'Holds an active license of a given type',
    description:
      'Met when the applicant holds an active license of one of `types`, issued by one of `jurisdictions` (if given) ' +
      'and not by `excluding` (if given), held for at least `minYears` years. Unknown while a listed license could ' +
      'still qualify once its missing status or years are given; unmet when none could.',
    path: 'credentials.licenses',
    value: {
      schema: {
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
  },
  evaluate(factValue, value): Status {
    const { minYears } = value as HasLicenseValue;
    if (candidates(factValue, value).some(([l]) => qualifies(l, minYears))) return 'met';
    return missingParts(factValue, value).length > 0 ? 'unknown' : 'unmet';
  },
  wording: {
    met: () => 'holds an active license of the required kind',
    unmet: (f) => {
      const { minYears } = f.value as HasLicenseValue;
      return minYears ? `no license of the kind this route asks for that is active and held at least ${counted(minYears, 'year')}` : 'no active license of the kind this route asks for';
    },
    unknown: (f) => questions(missingPointers(f, missingParts)),
  },
  missingParts,
};
