import type { LoadedRuleSet } from '../data/loadRuleSets';
import type { Requirement } from '../data/ruleSetTypes';
import type { CitedSource } from './evaluationTypes';
import { isStale } from './staleness';

/** The sources behind ids, as readers see them. */
export function citeSources(ruleSet: LoadedRuleSet, ids: string[]): CitedSource[] {
  return ids.map((id) => ruleSet.sources.find((x) => x.id === id)!);
}

/** What a reader needs to know of a rule set as a whole: where it comes from and how sure we are of it. */
export function citeRuleSet(ruleSet: LoadedRuleSet) {
  return {
    title: ruleSet.title,
    ...(ruleSet.summary && { summary: ruleSet.summary }),
    agency: ruleSet.agency,
    lastVerified: ruleSet.lastVerified,
    /** Not verified within the last STALE_AFTER_MONTHS: shown as a warning. */
    stale: isStale(ruleSet.lastVerified),
    confidence: ruleSet.confidence,
    ...(ruleSet.confidenceNote && { confidenceNote: ruleSet.confidenceNote }),
    sources: ruleSet.sources,
    ...(ruleSet.renewal && { renewal: { ...ruleSet.renewal, sources: citeSources(ruleSet, ruleSet.renewal.sources) } }),
    unverified: ruleSet.unverified ?? [],
  };
}

/** What a reader needs to know of a requirement, whatever the profile: shared by checklists and rule-set pages. */
export function citeRequirement(ruleSet: LoadedRuleSet, r: Requirement) {
  return {
    id: r.id,
    title: r.title,
    category: r.category,
    description: r.description,
    remedy: r.remedy,
    attestable: r.attestable === true,
    verified: r.unverified === undefined,
    sources: citeSources(ruleSet, r.sources),
    ...(r.effective && { effective: r.effective }),
  };
}
