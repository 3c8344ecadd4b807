import type { LoadedRuleSet } from '../data/loadRuleSets';
import type { CeRules } from '../data/ruleSetTypes';
import { CE_TOPICS, SHARED_ROLES } from './ceFactFields';

type Named = { id: string; title: string };

/** What a CE record for this rule set may name: its topics, its roles and the items a licensee confirms. */
export interface RenewalChoices {
  applies: CeRules['applies'];
  topics: Named[];
  roles: Named[];
  confirmable: Named[];
}

/** The shared topics and roles with those the rule set declares, and its confirmable requirements. */
export function renewalChoices(ruleSet: LoadedRuleSet): RenewalChoices | undefined {
  const ce = ruleSet.renewal?.ce;
  if (!ce) return undefined;
  const named = (x: Named) => ({ id: x.id, title: x.title });
  return {
    applies: ce.applies,
    topics: [...CE_TOPICS, ...(ce.topics ?? [])].map(named),
    roles: [...SHARED_ROLES, ...(ce.roles ?? [])].map(named),
    confirmable: ce.requirements.filter((r) => r.attestable).map(named),
  };
}
