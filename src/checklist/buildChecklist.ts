import { describeRoute } from '../wording/describeRoute';
import { LICENSED_HERE, type LoadedRuleSet } from '../data/loadRuleSets';
import type { PathwayOutcome, Requirement, RequirementCategory, Status } from '../data/ruleSetTypes';
import { findingsOf, type Folded } from '../engine/foldConditions';
import { describeFinding, missingOf, questionTitles } from '../wording/describeFindings';
import { describeGap, gapOf, gapOpen } from '../engine/operators/numeric';
import type { Access, CitedRequirement, Evaluation, Gap, PathwayResult, RequirementResult } from './evaluationTypes';
import { citeRequirement, citeRuleSet } from './citeRequirement';
import { outcomeRank } from './outcomes';
import { compareEstimates, estimateOf, stepOf, timeRoute, type Estimate, type Pace, type RouteTiming } from '../estimate/estimateRoute';
import { memo } from '../memo';

/**
 * The order in which a person does things: what they hold, a degree, experience and training, state
 * items, then the application with its background check, then the exams the board approves them to take.
 */
const CATEGORY_ORDER: RequirementCategory[] = ['license', 'education', 'experience', 'training', 'other', 'background', 'application', 'exam'];
/** Steps taken with or after the application: where only these are left, the person is ready to apply. */
const AT_OR_AFTER_APPLYING = new Set<RequirementCategory>(['background', 'application', 'exam']);

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Lists here hold a few entries: a look along them is cheaper than a Set. */
const addOnce = <T>(xs: T[], x: T) => {
  if (!xs.includes(x)) xs.push(x);
};

function requirementResult(ruleSet: LoadedRuleSet, r: Requirement, folded: Folded | undefined): RequirementResult {
  const base = citeRequirement(ruleSet, r);
  if (!folded) {
    return withStatus(base, 'unknown', `Not verified against a source: ${r.unverified ?? 'terms not found'}`, [], []);
  }
  const { status } = folded;
  // Each finding as its operator words it, with the gap it leaves and the questions that would settle it.
  const words: string[] = [];
  const gaps: Gap[] = [];
  const missing: string[] = [];
  for (const f of findingsOf(folded)) {
    addOnce(words, describeFinding(f));
    const gap = status === 'met' ? undefined : gapOf(f);
    if (gap && gapOpen(gap)) gaps.push(gap);
    if (status === 'unknown' && f.status === 'unknown') for (const m of missingOf(f)) addOnce(missing, m);
  }
  // The open questions of an unknown requirement after one lead-in.
  let detail = status === 'unknown' ? `Not answered yet: ${words.join('; ')}.` : `${capitalize(words.join('; '))}.`;
  // The rule counts in another unit than the answer: say how it was converted, next to the figures.
  if (r.conversion && status !== 'unknown') detail += ` How it is counted: ${r.conversion.text}.`;
  return withStatus(base, status, detail, gaps, missing, r.conversion?.text);
}

/**
 * The cited requirement with its status, written out field by field: spreading the cited object into a new
 * one was a sixth of a checklist's cost, and every checklist makes one per requirement.
 */
function withStatus(base: CitedRequirement, status: Status, detail: string, gaps: Gap[], missing: string[], conversion?: string): RequirementResult {
  const result: RequirementResult = {
    id: base.id, title: base.title, category: base.category, description: base.description, remedy: base.remedy,
    attestable: base.attestable, verified: base.verified, sources: base.sources, status, detail, gaps, missing,
  };
  if (base.effective !== undefined) result.effective = base.effective;
  if (conversion !== undefined) result.conversion = conversion;
  return result;
}

/** A route is eligible when all it asks is met, not eligible when any of it is not met. */
function pathwayOutcome(counts: Record<Status, number>): PathwayOutcome {
  if (counts.unmet > 0) return 'not-eligible';
  if (counts.unknown > 0) return 'needs-information';
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
  timing: RouteTiming;
}

const ACCESS_RANK: Record<Access, number> = { 'made-for-you': 0, open: 1, unknown: 2, closed: 3 };
const ACCESS_OF: Record<Status, Access> = { met: 'made-for-you', unknown: 'unknown', unmet: 'closed' };

/**
 * How far an unmet requirement is from met, 0–1: the largest share still to go when every unmet finding is
 * a numeric minimum ("600 of 1,000 hours": 0.4), else 1 (a degree is not partly held).
 */
function distanceOf(folded: Folded | undefined): number {
  if (folded?.status !== 'unmet') return 0;
  const unmet = findingsOf(folded).filter((f) => f.status === 'unmet');
  const shares = unmet.map((f) => gapOf(f)).map((g) => (g && g.need > 0 ? g.remaining / g.need : undefined));
  return shares.length > 0 && shares.every((x) => x !== undefined) ? Math.min(1, Math.max(...shares)) : 1;
}

/**
 * What fits the person first: a route to the full credential before a way to work meanwhile, and one they
 * can apply by now before any other. Then a route made for them (they hold the license or HSE it asks for)
 * before one open to all, before one whose entry question is unanswered, before one they cannot take. Then
 * the soonest by its estimate, then the closest to completion (largest share met, fewest unmet, least left
 * on those), then file order.
 */
function rankPathways<T extends Ranked>(pathways: T[]): T[] {
  const share = (p: Ranked) => p.counts.met / (p.counts.met + p.counts.unmet + p.counts.unknown);
  const eligible = (p: Ranked) => (p.outcome === 'eligible' ? 0 : 1);
  return pathways
    .map((p, index) => ({ p, index }))
    .sort(
      (a, b) =>
        Number(a.p.timeLimited) - Number(b.p.timeLimited) ||
        eligible(a.p) - eligible(b.p) ||
        ACCESS_RANK[a.p.access] - ACCESS_RANK[b.p.access] ||
        compareEstimates(a.p.timing.figures, b.p.timing.figures) ||
        outcomeRank(a.p.outcome) - outcomeRank(b.p.outcome) ||
        share(b.p) - share(a.p) ||
        a.p.counts.unmet - b.p.counts.unmet ||
        a.p.distance - b.p.distance ||
        a.index - b.index,
    )
    .map(({ p }) => p);
}

/**
 * The routes to name, from the ranking. The best route to a license is the first full one. A way to work
 * meanwhile is the first time-limited one the person is not shut out of. `bestPathway` keeps the public
 * contract's meaning: an eligible route where there is one (a full one before a time-limited one), else
 * the best route to a license.
 */
function chooseRoutes<T extends Ranked>(ranked: T[]) {
  const license = ranked.find((p) => !p.timeLimited);
  const meanwhile = ranked.find((p) => p.timeLimited && p.access !== 'closed');
  const best = ranked.find((p) => p.outcome === 'eligible') ?? license ?? ranked[0];
  return { best, license, meanwhile };
}

function overallOutcome(pathways: Pick<Ranked, 'outcome'>[]): Evaluation['outcome'] {
  if (pathways.length === 0) return 'no-credential';
  if (pathways.some((p) => p.outcome === 'eligible')) return 'eligible';
  return pathways.some((p) => p.outcome === 'needs-information') ? 'needs-information' : 'not-eligible';
}

/** Whether only steps taken with or after the application are left on the route. */
const readyToApply = (route: PathwayResult | undefined) =>
  route !== undefined &&
  route.outcome !== 'eligible' &&
  route.requirements.every((r) => r.status === 'met' || AT_OR_AFTER_APPLYING.has(r.category));

/** The route's open steps in the order a person takes them; "apply" comes where the application falls. */
function nextSteps(ruleSet: LoadedRuleSet, route: PathwayResult | undefined): string[] {
  if (!route) return [];
  const apply = `Apply to ${ruleSet.agency.name}: ${ruleSet.agency.url}`;
  if (route.outcome === 'eligible') return [apply];
  const ordered = [...route.requirements]
    .filter((r) => r.status !== 'met')
    .sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || Number(a.status === 'unknown') - Number(b.status === 'unknown'));
  const step = (r: RequirementResult) =>
    r.status === 'unmet'
      ? `${r.title}${r.gaps.length ? ` (${r.gaps.map(describeGap).join('; ')})` : ''}: ${r.remedy}`
      : !r.verified
        ? `${r.title}: ask ${ruleSet.agency.name} — we could not verify this requirement in a source.`
        : r.attestable
          ? `${r.title}: confirm it is done, or ${r.remedy.charAt(0).toLowerCase()}${r.remedy.slice(1)}`
          : `${r.title}: answer ${questionTitles(r.missing).map((t) => `“${t}”`).join(' and ')} to settle it.`;
  if (!readyToApply(route)) return ordered.map(step);
  // Ready to apply: the application first, then what the board has the person do after it (the exams).
  const before = ordered.filter((r) => r.category === 'application' || r.category === 'background');
  return [apply, ...before.map(step), ...ordered.filter((r) => !before.includes(r)).map(step)];
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

/** A rule set's requirements by id. */
const requirementsById = memo((ruleSet: LoadedRuleSet) => new Map(ruleSet.requirements.map((r) => [r.id, r])));

/** Each pathway's requirements, and its entry question's, as places in the rule set's list of requirements. */
const pathwayPlaces = memo((ruleSet: LoadedRuleSet) => {
  const place = new Map(ruleSet.requirements.map((r, i) => [r.id, i]));
  return ruleSet.pathways.map((p) => ({ requires: p.requires.map((id) => place.get(id)!), entry: p.entry && place.get(p.entry.requirement) }));
});

/** Each pathway's outcome, counts, distance left and timing, from the requirement statuses: shared by both views. */
function assessPathways(ruleSet: LoadedRuleSet, folded: Map<string, Folded>, pace: Pace) {
  const { requirements } = ruleSet;
  const places = pathwayPlaces(ruleSet);
  // A requirement on several routes takes the same time, and is as far from met, on each: worked out once.
  const folds = requirements.map((r) => folded.get(r.id));
  const statuses = folds.map((f): Status => f?.status ?? 'unknown');
  const steps = requirements.map((r, i) => stepOf(r, folds[i], pace));
  const distances = folds.map(distanceOf);
  const issued = { issued: ruleSet.credential !== 'none' };
  return ruleSet.pathways.map((pathway, p) => {
    const { requires, entry } = places[p]!;
    const counts: Record<Status, number> = { met: 0, unmet: 0, unknown: 0 };
    let distance = 0;
    // A route asking for a license the person does not hold is not open to them, whatever else it asks.
    let lacksLicense = false;
    for (const i of requires) {
      const s = statuses[i]!;
      counts[s]++;
      distance += distances[i]!;
      if (s === 'unmet' && requirements[i]!.category === 'license') lacksLicense = true;
    }
    const access: Access = lacksLicense ? 'closed' : pathway.entry ? ACCESS_OF[entry === undefined ? 'unknown' : statuses[entry]!] : 'open';
    const outcome = pathwayOutcome(counts);
    return {
      pathway,
      outcome,
      counts,
      distance,
      access,
      timeLimited: pathway.term === 'time-limited',
      timing: timeRoute(requires.map((i) => steps[i]), outcome, pace, issued),
    };
  });
}

type Assessed = ReturnType<typeof assessPathways>[number];

/** What the routes still ask of the person, each question once, in rank order. */
function missingOnRoutes(ranked: PathwayResult[]): string[] {
  const out = new Set<string>();
  for (const p of ranked) for (const r of p.requirements) for (const m of r.missing) out.add(m);
  return [...out];
}

/**
 * A pathway as a checklist shows it: what it leads to, its outcome and estimate, and its requirements.
 * Written out field by field, in the order answers have always had: every checklist makes one per route.
 */
function pathwayResult(ruleSet: LoadedRuleSet, a: Assessed, requirements: Map<string, RequirementResult>): PathwayResult {
  const route = describeRoute(a.pathway, ruleSet.credential);
  const result = { id: a.pathway.id, title: a.pathway.title, kind: route.kind, term: route.term } as PathwayResult;
  if (route.limitedCredential) result.limitedCredential = route.limitedCredential;
  if (route.entry) result.entry = route.entry;
  result.leadsTo = route.leadsTo;
  if (route.openTo) result.openTo = route.openTo;
  if (a.pathway.summary) result.summary = a.pathway.summary;
  result.outcome = a.outcome;
  result.counts = a.counts;
  result.access = a.access;
  result.estimate = estimateOf(a.timing);
  result.requirements = a.pathway.requires.map((id) => requirements.get(id)!);
  return result;
}

/** Folds requirement statuses into pathway and overall outcomes, the best pathway, next steps and open questions. */
export function buildChecklist(ruleSet: LoadedRuleSet, folded: Map<string, Folded>, pace: Pace): Evaluation {
  const requirements = new Map(ruleSet.requirements.map((r) => [r.id, requirementResult(ruleSet, r, folded.get(r.id))]));
  const assessed = assessPathways(ruleSet, folded, pace);
  const pathways = assessed.map((a) => pathwayResult(ruleSet, a, requirements));
  const resultOf = (a: Assessed) => pathways[assessed.indexOf(a)]!;
  const inRankOrder = rankPathways(assessed);
  const ranked = inRankOrder.map(resultOf);
  const chosen = chooseRoutes(inRankOrder);
  const [best, license, meanwhile] = [chosen.best, chosen.license, chosen.meanwhile].map((a) => a && resultOf(a));
  const route = license ?? best;
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
    bestLicenseRoute: license?.id ?? null,
    meanwhile: meanwhile?.id ?? null,
    rankedPathways: ranked.map((p) => p.id),
    readyToApply: readyToApply(route),
    pathways,
    nextSteps: nextSteps(ruleSet, route),
    entryQuestions: entryQuestions(inRankOrder),
    missing: missingOnRoutes(ranked),
    ruleSet: citeRuleSet(ruleSet),
  };
}

/** A rule set's result in brief: the outcome, the best route to a license, its estimate and what is still open on it. */
export interface ResultSummary {
  outcome: Evaluation['outcome'];
  best?: { id: string; title: string; leadsTo: string; estimate: Estimate };
  /** The eligible route the contract's `bestPathway` names, where it is not the best route to a license. */
  bestPathway?: string;
  meanwhile?: { id: string; title: string; leadsTo: string };
  unmet: RequirementResult[];
  unknown: RequirementResult[];
}

/**
 * The same outcome and routes as buildChecklist, for comparisons across jurisdictions: only the
 * requirements still open on the best route are described, which halves the cost of a comparison.
 */
export function summarizeResult(ruleSet: LoadedRuleSet, folded: Map<string, Folded>, pace: Pace): ResultSummary {
  const assessed = assessPathways(ruleSet, folded, pace);
  const chosen = chooseRoutes(rankPathways(assessed));
  const route = chosen.license ?? chosen.best;
  const open = (wanted: Status) =>
    (route?.pathway.requires ?? [])
      .filter((id) => (folded.get(id)?.status ?? 'unknown') === wanted)
      .map((id) => requirementResult(ruleSet, requirementsById(ruleSet).get(id)!, folded.get(id)));
  const words = (p: LoadedRuleSet['pathways'][number]) => ({ id: p.id, title: p.title, leadsTo: describeRoute(p, ruleSet.credential).leadsTo });
  return {
    outcome: overallOutcome(assessed),
    ...(route && { best: { ...words(route.pathway), estimate: estimateOf(route.timing) } }),
    ...(chosen.best && chosen.best !== route && { bestPathway: chosen.best.pathway.id }),
    ...(chosen.meanwhile && { meanwhile: words(chosen.meanwhile.pathway) }),
    unmet: open('unmet'),
    unknown: open('unknown'),
  };
}
