import { describeRoute } from './describeRoute';
import { LICENSED_HERE, type LoadedRuleSet } from '../data/loadRuleSets';
import type { PathwayOutcome, Requirement, RequirementCategory, Status } from '../data/ruleSetTypes';
import type { Folded } from '../engine/foldConditions';
import { describeFinding, describeGap, gapOf, pointerOf, questionTitles } from './describeFindings';
import type { Evaluation, PathwayResult, RequirementResult } from './evaluationTypes';
import { citeRequirement, citeRuleSet } from './citeRequirement';

/** The order in which an applicant usually gets things done: a degree before an exam, an exam before applying. */
const CATEGORY_ORDER: RequirementCategory[] = ['education', 'experience', 'training', 'exam', 'license', 'background', 'application', 'other'];
const OUTCOME_RANK: Record<PathwayOutcome, number> = { eligible: 0, 'needs-information': 1, 'not-eligible': 2 };

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const unique = <T>(xs: T[]) => [...new Set(xs)];

function requirementResult(ruleSet: LoadedRuleSet, r: Requirement, folded: Folded | undefined): RequirementResult {
  const base = citeRequirement(ruleSet, r);
  if (!folded) {
    return { ...base, status: 'unknown', detail: `Not verified against a source: ${r.unverified ?? 'terms not found'}`, gaps: [], missing: [] };
  }
  const { status, findings } = folded;
  const missing = status === 'unknown' ? unique(findings.filter((f) => f.status === 'unknown').map((f) => pointerOf(f.path))) : [];
  const gaps = status === 'met' ? [] : findings.flatMap((f) => gapOf(f) ?? []).filter((g) => g.remaining > 0);
  let detail: string;
  if (r.attestable) {
    detail = status === 'met' ? 'You confirmed it is done.' : 'Not confirmed yet: confirm it once it is done.';
  } else if (status === 'unknown') {
    detail = `Not answered yet: ${questionTitles(missing).join('; ')}.`;
  } else {
    detail = `${capitalize(unique(findings.map(describeFinding)).join('; '))}.`;
  }
  return { ...base, status, detail, gaps, missing };
}

function pathwayOutcome(statuses: Status[]): PathwayOutcome {
  if (statuses.includes('unmet')) return 'not-eligible';
  if (statuses.includes('unknown')) return 'needs-information';
  return 'eligible';
}

interface Ranked {
  outcome: PathwayOutcome;
  counts: Record<Status, number>;
  /** How far the unmet requirements are from met: each counts 1, or the share still to go of a number. */
  distance: number;
  /** Whether the person may take the route (see ACCESS_RANK), and whether it leads to the full credential. */
  access: Access;
  timeLimited: boolean;
}

/**
 * Who the route is for, from its entry precondition's status: made for this person (they hold what it
 * asks), open to everyone, not known yet (the entry question is unanswered), or not open to them.
 */
type Access = 'made-for-you' | 'open' | 'unknown' | 'closed';
const ACCESS_RANK: Record<Access, number> = { 'made-for-you': 0, open: 1, unknown: 2, closed: 3 };
const ACCESS_OF: Record<Status, Access> = { met: 'made-for-you', unknown: 'unknown', unmet: 'closed' };

/**
 * How far an unmet requirement is from met, 0–1: the largest share still to go when every unmet finding is
 * a numeric minimum ("600 of 1,000 hours": 0.4), else 1 (a degree is not partly held).
 */
function distanceOf(folded: Folded | undefined): number {
  if (folded?.status !== 'unmet') return 0;
  const unmet = folded.findings.filter((f) => f.status === 'unmet');
  const shares = unmet.map((f) => gapOf(f)).map((g) => (g && g.need > 0 ? g.remaining / g.need : undefined));
  return shares.every((x) => x !== undefined) ? Math.min(1, Math.max(...shares)) : 1;
}

const distanceLeft = (requires: string[], folded: Map<string, Folded>) => requires.reduce((sum, id) => sum + distanceOf(folded.get(id)), 0);

/**
 * Eligible first (the contract: the best pathway is an eligible one where there is one), a full credential
 * before a time-limited one. Then what fits the person: a route leading to the full credential before a way
 * to work meanwhile, a route made for them (they hold the license or HSE it asks for) before one open to
 * all, before one whose precondition is unanswered, before one they cannot take. Then the pathway closest
 * to completion: largest share met, fewest unmet, least left to do on those (600 of 1,000 AIT hours is
 * closer than a missing degree), then file order.
 */
function rankPathways<T extends Ranked>(pathways: T[]): T[] {
  const share = (p: Ranked) => p.counts.met / (p.counts.met + p.counts.unmet + p.counts.unknown);
  const eligible = (p: Ranked) => (p.outcome === 'eligible' ? 0 : 1);
  return pathways
    .map((p, index) => ({ p, index }))
    .sort(
      (a, b) =>
        eligible(a.p) - eligible(b.p) ||
        Number(a.p.timeLimited) - Number(b.p.timeLimited) ||
        ACCESS_RANK[a.p.access] - ACCESS_RANK[b.p.access] ||
        OUTCOME_RANK[a.p.outcome] - OUTCOME_RANK[b.p.outcome] ||
        share(b.p) - share(a.p) ||
        a.p.counts.unmet - b.p.counts.unmet ||
        a.p.distance - b.p.distance ||
        a.index - b.index,
    )
    .map(({ p }) => p);
}

function countStatuses(statuses: Status[]): Record<Status, number> {
  return {
    met: statuses.filter((s) => s === 'met').length,
    unmet: statuses.filter((s) => s === 'unmet').length,
    unknown: statuses.filter((s) => s === 'unknown').length,
  };
}

function overallOutcome(pathways: Pick<Ranked, 'outcome'>[]): Evaluation['outcome'] {
  if (pathways.length === 0) return 'no-credential';
  if (pathways.some((p) => p.outcome === 'eligible')) return 'eligible';
  return pathways.some((p) => p.outcome === 'needs-information') ? 'needs-information' : 'not-eligible';
}

function nextSteps(ruleSet: LoadedRuleSet, best: PathwayResult | undefined): string[] {
  if (!best) return [];
  if (best.outcome === 'eligible') return [`Apply to ${ruleSet.agency.name}: ${ruleSet.agency.url}`];
  const ordered = [...best.requirements].sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category));
  const unmet = ordered
    .filter((r) => r.status === 'unmet')
    .map((r) => `${r.title}${r.gaps.length ? ` (${r.gaps.map(describeGap).join('; ')})` : ''}: ${r.remedy}`);
  const unknown = ordered
    .filter((r) => r.status === 'unknown')
    .map((r) =>
      !r.verified
        ? `${r.title}: ask ${ruleSet.agency.name} — we could not verify this requirement in a source.`
        : r.attestable
          ? `${r.title}: confirm it is done, or ${r.remedy.charAt(0).toLowerCase()}${r.remedy.slice(1)}`
          : `${r.title}: answer ${questionTitles(r.missing).map((t) => `“${t}”`).join(' and ')} to settle it.`,
    );
  return [...unmet, ...unknown];
}

/** The entry questions of the routes whose precondition is unanswered, in rank order, one per question. */
function entryQuestions(ranked: { pathway: LoadedRuleSet['pathways'][number]; access: Access }[]): Evaluation['entryQuestions'] {
  const byQuestion = new Map<string, Evaluation['entryQuestions'][number]>();
  for (const { pathway, access } of ranked) {
    if (access !== 'unknown' || !pathway.entry) continue;
    const { question, holds } = pathway.entry;
    const asked = byQuestion.get(question) ?? { question, holds, pathways: [] };
    asked.pathways.push(pathway.id);
    byQuestion.set(question, asked);
  }
  return [...byQuestion.values()];
}

/** Each pathway's outcome, counts and distance left, from the requirement statuses: shared by both views. */
function assessPathways(ruleSet: LoadedRuleSet, folded: Map<string, Folded>) {
  const status = (id: string): Status => folded.get(id)?.status ?? 'unknown';
  return ruleSet.pathways.map((pathway) => {
    const statuses = pathway.requires.map(status);
    const access: Access = pathway.entry ? ACCESS_OF[status(pathway.entry.requirement)] : 'open';
    return {
      pathway,
      outcome: pathwayOutcome(statuses),
      counts: countStatuses(statuses),
      distance: distanceLeft(pathway.requires, folded),
      access,
      timeLimited: pathway.term === 'time-limited',
    };
  });
}

/** Folds requirement statuses into pathway and overall outcomes, the best pathway, next steps and open questions. */
export function buildChecklist(ruleSet: LoadedRuleSet, folded: Map<string, Folded>): Evaluation {
  const requirements = new Map(ruleSet.requirements.map((r) => [r.id, requirementResult(ruleSet, r, folded.get(r.id))]));
  const assessed = assessPathways(ruleSet, folded).map((a) => ({
    ...a,
    result: {
      id: a.pathway.id,
      title: a.pathway.title,
      ...describeRoute(a.pathway, ruleSet.credential),
      ...(a.pathway.summary && { summary: a.pathway.summary }),
      outcome: a.outcome,
      counts: a.counts,
      requirements: a.pathway.requires.map((id) => requirements.get(id)!),
    } satisfies PathwayResult,
  }));
  const pathways = assessed.map((a) => a.result);
  const inRankOrder = rankPathways(assessed);
  const ranked = inRankOrder.map((a) => a.result);
  const best = ranked[0];
  const outcome = overallOutcome(pathways);
  return {
    jurisdiction: ruleSet.jurisdiction,
    jurisdictionName: ruleSet.jurisdictionName,
    license: ruleSet.license,
    title: ruleSet.title,
    credential: ruleSet.credential,
    outcome,
    alreadyLicensed: folded.get(LICENSED_HERE)?.status === 'met',
    bestPathway: best?.id ?? null,
    pathways,
    nextSteps: nextSteps(ruleSet, best),
    entryQuestions: entryQuestions(inRankOrder),
    missing: unique(ranked.flatMap((p) => p.requirements.flatMap((r) => r.missing))),
    ruleSet: citeRuleSet(ruleSet),
  };
}

/** A rule set's result in brief: the outcome, the best pathway, and what is still open on it. */
export interface ResultSummary {
  outcome: Evaluation['outcome'];
  best?: { id: string; title: string; leadsTo: string };
  unmet: RequirementResult[];
  unknown: RequirementResult[];
}

/**
 * The same outcome and best pathway as buildChecklist, for comparisons across jurisdictions: only the
 * requirements still open on the best pathway are described, which halves the cost of a comparison.
 */
export function summarizeResult(ruleSet: LoadedRuleSet, folded: Map<string, Folded>): ResultSummary {
  const pathways = assessPathways(ruleSet, folded);
  const best = rankPathways(pathways)[0]?.pathway;
  const open = (wanted: Status) =>
    (best?.requires ?? [])
      .filter((id) => (folded.get(id)?.status ?? 'unknown') === wanted)
      .map((id) => requirementResult(ruleSet, ruleSet.requirements.find((r) => r.id === id)!, folded.get(id)));
  return { outcome: overallOutcome(pathways), ...(best && { best: { id: best.id, title: best.title, leadsTo: describeRoute(best, ruleSet.credential).leadsTo } }), unmet: open('unmet'), unknown: open('unknown') };
}
