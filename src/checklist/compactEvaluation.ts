import type { CitedSource, Evaluation, PathwayResult, RequirementResult } from './evaluationTypes';
import { memo } from '../memo';

/**
 * The evaluation as JSON outputs send it (the API, the CLI's JSON). A requirement's fixed text — what
 * satisfies it, and how to meet it once it is met or unknown — is the same for every applicant and lives
 * in the rule set (GET /api/v1/jurisdictions/{code}/{license}, cacheable): repeating it in every answer
 * tripled the size of a checklist (33 KB for Texas) and of a batch of 100 (3 MB). What stays: the status,
 * why, the gap, the questions, the remedy of what is not met, and each source's title, address and kind.
 */
export type CompactRequirement = Omit<RequirementResult, 'description' | 'remedy' | 'sources'> & {
  remedy?: string;
  sources: { title: string; url: string; official: boolean }[];
};

export type CompactPathway = Omit<PathwayResult, 'requirements'> & { requirements: CompactRequirement[] };

/** The API's Evaluation (less ruleDataVersion) and the CLI's JSON. */
export type CompactEvaluation = Omit<Evaluation, 'pathways'> & { pathways: CompactPathway[] };

/** Each requirement's sources as answers show them, made once: a requirement's cited sources never change. */
const compactSources = memo((sources: CitedSource[]) => sources.map((s) => ({ title: s.title, url: s.url, official: s.official })));

/** Written out field by field: rest-and-spread copies were a measurable share of an API answer's cost. */
function compactRequirement(r: RequirementResult): CompactRequirement {
  const out: CompactRequirement = {
    id: r.id, title: r.title, category: r.category, attestable: r.attestable, verified: r.verified,
    status: r.status, detail: r.detail, gaps: r.gaps, missing: r.missing, sources: compactSources(r.sources),
  };
  if (r.effective !== undefined) out.effective = r.effective;
  if (r.conversion !== undefined) out.conversion = r.conversion;
  if (r.status === 'unmet') out.remedy = r.remedy;
  return out;
}

export function compactEvaluation(e: Evaluation): CompactEvaluation {
  return { ...e, pathways: e.pathways.map((p) => ({ ...p, requirements: p.requirements.map(compactRequirement) })) };
}
