import type { LoadedRuleSet } from '../data/loadRuleSets';
import type { Requirement } from '../data/ruleSetTypes';
import type { CitedRequirement, CitedSource, RuleSetAbout } from './evaluationTypes';
import { isoDay, isStale } from '../data/staleness';
import { memo } from '../memo';

/** The sources behind ids, as readers see them. */
export function citeSources(ruleSet: LoadedRuleSet, ids: string[]): CitedSource[] {
  return ids.map((id) => ruleSet.sources.find((x) => x.id === id)!);
}

/** What a reader needs to know of a rule set as a whole: where it comes from and how sure we are of it. */
export function citeRuleSet(ruleSet: LoadedRuleSet): RuleSetAbout {
  const day = isoDay();
  let cited = citedRuleSets.get(ruleSet);
  if (cited?.day !== day) citedRuleSets.set(ruleSet, (cited = { day, value: describeCitedRuleSet(ruleSet, new Date(`${day}T00:00:00Z`)) }));
  return cited.value;
}

const citedRuleSets = new WeakMap<LoadedRuleSet, { day: string; value: RuleSetAbout }>();

function describeCitedRuleSet(ruleSet: LoadedRuleSet, today: Date): RuleSetAbout {
  return {
    title: ruleSet.title,
    ...(ruleSet.summary && { summary: ruleSet.summary }),
    agency: ruleSet.agency,
    lastVerified: ruleSet.lastVerified,
    stale: isStale(ruleSet.lastVerified, today),
    confidence: ruleSet.confidence,
    ...(ruleSet.confidenceNote && { confidenceNote: ruleSet.confidenceNote }),
    sources: ruleSet.sources,
    ...(ruleSet.renewal && { renewal: citeRenewal(ruleSet, ruleSet.renewal) }),
    unverified: ruleSet.unverified ?? [],
  };
}

/** The renewal in brief, with its sources: the CE rules themselves are the renewal check's to show. */
function citeRenewal(ruleSet: LoadedRuleSet, { ce: _rules, ...renewal }: NonNullable<LoadedRuleSet['renewal']>) {
  return { ...renewal, sources: citeSources(ruleSet, renewal.sources) };
}

/** What a reader needs to know of a requirement, whatever the profile: shared by checklists and rule-set pages. */
export function citeRequirement(ruleSet: LoadedRuleSet, r: Requirement): CitedRequirement {
  return citedRequirement(ruleSet)(r);
}

const citedRequirement = memo((ruleSet: LoadedRuleSet) => memo((r: Requirement) => describeCitedRequirement(ruleSet, r)));

function describeCitedRequirement(ruleSet: LoadedRuleSet, r: Requirement): CitedRequirement {
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
