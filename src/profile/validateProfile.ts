import type { Catalog } from '../data/loadRuleSets';
import { LICENSE_TYPES } from '../data/ruleSetTypes';
import { toProblems, validators, type Problem } from '../data/schemas';

/**
 * Attested ids must be ones the jurisdiction's rule sets mark attestable: like an unknown field, a typo
 * must not silently leave a requirement unconfirmed. Called only once the schema has passed, so each key is
 * a jurisdiction code (the schema's propertyNames) and is only looked up in the catalog, never written.
 */
function checkAttestations(profile: { attestations?: Record<string, string[]> }, catalog: Catalog, base: string): Problem[] {
  const problems: Problem[] = [];
  for (const [code, ids] of Object.entries(profile.attestations ?? {})) {
    const sets = LICENSE_TYPES.map((l) => catalog.get(code, l)).filter((rs) => rs !== undefined);
    if (sets.length === 0) continue;
    const allowed = new Set(sets.flatMap((rs) => rs.requirements.filter((r) => r.attestable).map((r) => r.id)));
    ids.forEach((id, i) => {
      if (!allowed.has(id)) {
        problems.push({
          pointer: `${base}/attestations/${code}/${i}`,
          message: `"${id}" is not an item ${code} lets you confirm (known: ${[...allowed].sort().join(', ') || 'none'})`,
        });
      }
    });
  }
  return problems;
}

/** Problems with a profile, each with its JSON pointer; empty when the profile is valid. */
export function validateProfile(profile: unknown, catalog: Catalog, base = ''): Problem[] {
  if (!validators.profile(profile)) {
    return toProblems(validators.profile.errors).map((p) => ({ ...p, pointer: `${base}${p.pointer === '/' ? '' : p.pointer}` || '/' }));
  }
  return checkAttestations(profile as { attestations?: Record<string, string[]> }, catalog, base);
}

export interface EvaluationRequest {
  jurisdiction: string;
  license: string;
  profile: Record<string, unknown>;
}

/** Problems with a POST /api/v1/evaluations body (or one batch item). */
export function validateEvaluationRequest(body: unknown, catalog: Catalog): Problem[] {
  if (!validators.evaluationRequest(body)) return toProblems(validators.evaluationRequest.errors);
  return checkAttestations((body as EvaluationRequest).profile, catalog, '/profile');
}

export interface ComparisonRequest {
  license: string;
  profile: Record<string, unknown>;
  jurisdictions?: string[];
}

/** Problems with a POST /api/v1/comparisons body. */
export function validateComparisonRequest(body: unknown, catalog: Catalog): Problem[] {
  if (!validators.comparisonRequest(body)) return toProblems(validators.comparisonRequest.errors);
  return checkAttestations((body as ComparisonRequest).profile, catalog, '/profile');
}
