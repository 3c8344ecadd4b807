import type { PointedProblem } from './RuleDataError';
import { fieldAt } from '../profile/profileFields';

/** Types of rules/estimates.json, mirroring rules/schema/estimates.schema.json. */

export interface MonthRange {
  min: number;
  max: number;
}

export interface AssumptionSource {
  title: string;
  url: string;
  official: boolean;
  quote?: string;
  seen?: string;
}

export interface Assumption {
  title: string;
  description: string;
  value?: number;
  unit?: string;
  months?: MonthRange;
  per?: string;
  sources: AssumptionSource[];
}

/** How what is left of a numeric field becomes time (see the schema). */
export type FieldPace = 'hours' | 'months' | 'years' | { assumption: string };

export interface EstimateAssumptions {
  title: string;
  lastVerified: string;
  assumptions: Record<string, Assumption>;
  fieldPace: Record<string, FieldPace>;
  degreeSteps: { degree: string; assumption?: string }[];
}

/** What the schema cannot say: that every name refers to something that exists, and ranges run low to high. */
export function checkAssumptions(data: EstimateAssumptions): PointedProblem[] {
  const out: PointedProblem[] = [];
  const known = (id: string, pointer: string) => {
    if (!Object.hasOwn(data.assumptions, id)) out.push({ pointer, reason: `no assumption named "${id}"` });
  };
  for (const [id, a] of Object.entries(data.assumptions)) {
    const pointer = `/assumptions/${id}`;
    if ((a.value === undefined) === (a.months === undefined)) out.push({ pointer, reason: 'an assumption gives either a "value" (with its "unit") or "months"' });
    if ((a.value === undefined) !== (a.unit === undefined)) out.push({ pointer: `${pointer}/unit`, reason: 'a "value" needs its "unit", and only a value has one' });
    if (a.months && a.months.min > a.months.max) out.push({ pointer: `${pointer}/months`, reason: 'min is above max' });
  }
  for (const [field, pace] of Object.entries(data.fieldPace)) {
    const pointer = `/fieldPace/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const schema = fieldAt(field);
    if (!schema || !schema.unit) out.push({ pointer, reason: `"${field}" is not a numeric field of the applicant profile` });
    if (typeof pace === 'object') known(pace.assumption, `${pointer}/assumption`);
  }
  const degrees = fieldAt('/education/highestDegree')?.options?.map((o) => o.value) ?? [];
  const ladder = data.degreeSteps.map((s) => s.degree);
  if (ladder.join() !== degrees.join()) out.push({ pointer: '/degreeSteps', reason: `must list the profile's degrees in order: ${degrees.join(', ')}` });
  data.degreeSteps.forEach((s, i) => {
    if (i === 0 && s.assumption) out.push({ pointer: '/degreeSteps/0/assumption', reason: 'the lowest degree takes no time to earn' });
    if (i > 0 && !s.assumption) out.push({ pointer: `/degreeSteps/${i}`, reason: 'needs the assumption giving its time' });
    if (s.assumption) known(s.assumption, `/degreeSteps/${i}/assumption`);
  });
  return out;
}
