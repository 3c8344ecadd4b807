import type { LoadedRuleSet } from '../data/loadRuleSets';
import type { Requirement } from '../data/ruleSetTypes';
import type { CitedSource } from './evaluationTypes';
import { isoDay, isStale } from './staleness';

/** The sources behind ids, as readers see them. */
function citeSources(ruleSet: LoadedRuleSet, ids: string[]): CitedSource[] {
  return ids.map((id) => ruleSet.sources.find((x) => x.id === id)!);
}

/**
 * What is cited of a rule set or requirement does not depend on the profile: it is built once per object
 * (and, for the stale flag, per day) and shared by every checklist. Callers spread it, never change it.
 */
function memo<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = build(key)));
    return value;
  };
}

/** What a reader needs to know of a rule set as a whole: where it comes from and how sure we are of it. */
export function citeRuleSet(ruleSet: LoadedRuleSet) {
  const day = isoDay();
  let cited = citedRuleSets.get(ruleSet);
  if (cited?.day !== day) citedRuleSets.set(ruleSet, (cited = { day, value: describeCitedRuleSet(ruleSet, new Date(`${day}T00:00:00Z`)) }));
  return cited.value;
}

const citedRuleSets = new WeakMap<LoadedRuleSet, { day: string; value: ReturnType<typeof describeCitedRuleSet> }>();

function describeCitedRuleSet(ruleSet: LoadedRuleSet, today: Date) {
  return {
    title: ruleSet.title,
    ...(ruleSet.summary && { summary: ruleSet.summary }),
    agency: ruleSet.agency,
    lastVerified: ruleSet.lastVerified,
    /** Not verified within the last STALE_AFTER_MONTHS: shown as a warning. */
    stale: isStale(ruleSet.lastVerified, today),
    confidence: ruleSet.confidence,
    ...(ruleSet.confidenceNote && { confidenceNote: ruleSet.confidenceNote }),
    sources: ruleSet.sources,
    ...(ruleSet.renewal && { renewal: { ...ruleSet.renewal, sources: citeSources(ruleSet, ruleSet.renewal.sources) } }),
    unverified: ruleSet.unverified ?? [],
  };
}

/** What a reader needs to know of a requirement, whatever the profile: shared by checklists and rule-set pages. */
export function citeRequirement(ruleSet: LoadedRuleSet, r: Requirement) {
  return citedRequirement(ruleSet)(r);
}

const citedRequirement = memo((ruleSet: LoadedRuleSet) => memo((r: Requirement) => describeCitedRequirement(ruleSet, r)));

function describeCitedRequirement(ruleSet: LoadedRuleSet, r: Requirement) {
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
