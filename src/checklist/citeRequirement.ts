import type { LoadedRuleSet } from '../data/loadRuleSets';
import type { Requirement } from '../data/ruleSetTypes';
import type { CitedSource } from './evaluationTypes';

/** The sources behind ids, as readers see them. */
export function citeSources(ruleSet: LoadedRuleSet, ids: string[]): CitedSource[] {
  return ids.map((id) => {
    const s = ruleSet.sources.find((x) => x.id === id)!;
    return { id: s.id, title: s.title, url: s.url, official: s.official };
  });
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
