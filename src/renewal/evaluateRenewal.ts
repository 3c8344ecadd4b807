import type { LoadedRuleSet } from '../data/loadRuleSets';
import type { CeRequirement, CeRules, Status } from '../data/ruleSetTypes';
import { findingsOf, type Finding, type Folded } from '../engine/foldConditions';
import { runRenewalRules } from '../engine/runRuleSet';
import { describeFinding } from '../wording/describeFindings';
import { citeSources } from '../checklist/citeRequirement';
import { isoDay, isStale } from '../data/staleness';
import { SHARED_ROLES, ceFactAt } from './ceFactFields';
import { computeCeFacts, round, type CeRecord, type HourRange } from './computeCeFacts';
import { renewalPeriod } from './renewalPeriod';
import { memo } from '../memo';
import type { RenewalOutcome, RenewalRequirementResult, RenewalResult, CitedRule } from './renewalTypes';

/**
 * Checks a licensee's CE record against the renewal rules of the license's rule set: the period and its
 * deadline from the record and the cycle, the CE facts from the courses (computeCeFacts), then the rules'
 * conditions on json-rules-engine, folded to met / unmet / unknown like the licensure rules, and worded.
 */

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const unique = <T>(xs: T[]) => [...new Set(xs)];
const isHours = (f: Finding) => {
  const kind = ceFactAt(f.path)?.field.kind;
  return kind === 'hours' || kind === 'count';
};
/** Leaves that say to whom a branch applies (a role, a first renewal, years licensed), not what they did. */
const isSelector = (f: Finding) => !isHours(f);

function leaves(node: Folded): Finding[] {
  return node.kind === 'leaf' ? [node.finding] : node.kind === 'not' ? leaves(node.child) : node.children.flatMap(leaves);
}

/**
 * The leaves that decide a node's status, leaving out the alternatives that do not apply to this licensee:
 * of "preceptors 27 hours, others 18", a licensee who is no preceptor is told of the 18 only.
 */
function deciding(node: Folded, status: Status): Finding[] {
  if (node.kind === 'leaf') return node.status === status ? [node.finding] : [];
  if (node.kind === 'not') return leaves(node.child).map((f) => ({ ...f, status: node.status }));
  // The children that share the node's status explain it, as in the fold.
  const same = node.children.filter((c) => c.status === status);
  const applies = (c: Folded) => !leaves(c).some((f) => isSelector(f) && f.status === 'unmet');
  const applicable = node.kind === 'any' ? same.filter(applies) : same;
  // Of the alternatives that apply, the one made for this licensee (its role or first period holds) speaks
  // for itself: a first-period licensee is told of the prorated hours, not of the full total as well.
  const specific = node.kind === 'any' ? applicable.filter((c) => leaves(c).some((f) => isSelector(f) && f.status === 'met')) : [];
  const speaking = specific.length ? specific : applicable.length ? applicable : same;
  return speaking.flatMap((c) => deciding(c, status));
}

function requirementResult(ruleSet: LoadedRuleSet, r: CeRequirement, folded: Folded | undefined, labels: ReadonlyMap<string, string>): RenewalRequirementResult {
  const base = {
    id: r.id, title: r.title, kind: r.kind, description: r.description, verified: r.unverified === undefined,
    sources: citeSources(ruleSet, r.sources), ...(r.effective && { effective: r.effective }),
  };
  if (!folded) return { ...base, status: 'unknown', detail: `Not verified against a source: ${(r.unverified ?? 'terms not found').replace(/\.$/, '')}. Ask the board.` };
  const found = deciding(folded, folded.status);
  // An open question of who the licensee is (first renewal? years licensed?) comes before any figure it decides.
  const openQuestions = found.filter((f) => isSelector(f) && f.status === 'unknown');
  const picked = openQuestions.length ? openQuestions : found.some(isHours) ? found.filter(isHours) : found;
  // Never an empty explanation: the fold's own deciding leaves are the last word.
  const shown = picked.length ? picked : findingsOf(folded);
  const say = (fs: Finding[]) => unique(fs.map((f) => describeFinding({ ...f, labels }))).join('; ');
  // Where the open question decides between figures, the figures if the usual case holds: a licensee who does
  // not know whether this is the first renewal still sees how far the regular total is.
  const otherwise = openQuestions.length ? deciding(folded, 'unmet').filter(isHours) : [];
  let detail = folded.status === 'unknown' && !shown.some((f) => f.operator === 'atLeast') ? `Not known yet: ${say(shown)}` : capitalize(say(shown));
  if (otherwise.length) detail += ` (otherwise: ${say(otherwise)})`;
  detail += '.';
  const measured = [...shown, ...otherwise].find((f) => f.operator === 'atLeast' && f.path.startsWith('hours.'));
  const range = measured?.factResult as HourRange | undefined;
  const needed = Number(measured?.value);
  return {
    ...base,
    status: folded.status,
    detail,
    ...(range && Number.isFinite(needed) && { hours: { counted: range.min, mayCount: range.max, needed, toGo: round(Math.max(0, needed - range.min)) } }),
  };
}

function outcomeOf(applies: CeRules['applies'], statuses: Status[]): RenewalOutcome {
  if (applies === 'none') return 'no-ce-rules';
  if (statuses.includes('unmet')) return 'not-yet-compliant';
  return statuses.includes('unknown') ? 'needs-information' : 'compliant';
}

/** The rules beside the requirements, each in words with its sources. */
function citedRules(ruleSet: LoadedRuleSet, ce: CeRules): CitedRule[] {
  const cite = (title: string, part: { text: string; sources: string[] } | undefined) => (part ? [{ title, text: part.text, sources: citeSources(ruleSet, part.sources) }] : []);
  return [
    ...cite('Renewal period', ce.cycle),
    ...cite('Who must have approved a course', ce.approvals),
    ...(ce.caps ?? []).flatMap((c) => cite('A cap on some ways of delivery', c)),
    ...cite('Hours a day', ce.maxHoursPerDay),
    ...cite('First renewal', ce.firstRenewal),
    ...(ce.variations ?? []).flatMap((v) => cite('For some licensees', v)),
    ...cite('Extra hours', ce.carryOver),
    ...(ce.exemptions ?? []).flatMap((x) => cite('Who need not meet them', x)),
  ];
}

/** What would settle the unknown: pointers into the record. */
function missingOf(record: CeRecord, ce: CeRules, periodKnown: boolean, unknownPaths: Set<string>): string[] {
  const out: string[] = [];
  if (!periodKnown) out.push('/license/periodEnds');
  if (!record.license.issued && (unknownPaths.has('period.first') || unknownPaths.has('license.yearsLicensed') || (!periodKnown && ce.cycle.anchor === 'anniversary'))) out.push('/license/issued');
  if ([...unknownPaths].some((p) => p.startsWith('hours.') || p.startsWith('courses.'))) {
    (record.courses ?? []).forEach((c, i) => {
      if (c.delivery === undefined) out.push(`/courses/${i}/delivery`);
      if (c.approval === undefined && ce.approvals) out.push(`/courses/${i}/approval`);
    });
  }
  return out;
}

/**
 * What a check shows that depends only on the rule set, built once per rule set: the titles of the topics
 * and roles it declares (for the wording) and its rules in words with their sources.
 */
const fixedParts = memo((ruleSet: LoadedRuleSet) => {
  // Asked for only where the rule set has renewal rules.
  const ce = ruleSet.renewal!.ce!;
  return { labels: new Map([...SHARED_ROLES, ...(ce.topics ?? []), ...(ce.roles ?? [])].map((x) => [x.id, x.title])), rules: citedRules(ruleSet, ce) };
});

export async function evaluateRenewal(ruleSet: LoadedRuleSet, record: CeRecord, today: string = isoDay()): Promise<RenewalResult> {
  const ce = ruleSet.renewal?.ce;
  const asOf = record.asOf ?? today;
  const about = { lastVerified: ce?.lastVerified ?? ruleSet.lastVerified, stale: isStale(ce?.lastVerified ?? ruleSet.lastVerified, new Date(`${today}T00:00:00Z`)), confidence: ce?.confidence ?? ruleSet.confidence, agency: { name: ruleSet.agency.name, url: ruleSet.agency.url } };
  const head = { jurisdiction: ruleSet.jurisdiction, jurisdictionName: ruleSet.jurisdictionName, license: ruleSet.license, title: ruleSet.title, asOf, about };
  if (!ce) {
    return { ...head, applies: 'none', outcome: 'no-ce-rules', period: null, requirements: [], courses: [], rules: [], missing: [], nextSteps: [`Ask ${ruleSet.agency.name} what renewal asks: ${ruleSet.agency.url}`], unverified: ['No renewal rules are encoded for this rule set yet.'] };
  }
  const period = renewalPeriod(ce.cycle, asOf, record.license);
  const { facts, courses } = computeCeFacts(record, ce, period, ruleSet.renewal?.ceHours);
  const { labels, rules } = fixedParts(ruleSet);
  return runRenewalRules(ruleSet, facts, (folded): RenewalResult => {
    const requirements = ce.requirements.map((r) => {
      const result = requirementResult(ruleSet, r, folded.get(r.id), labels);
      // Without a period no hour can be counted: say what would settle it rather than a figure.
      return !period && result.status === 'unknown' && result.verified ? { ...result, detail: "Not known until the renewal period is: give the date the current period ends (the license's expiry)." } : result;
    });
    const unknownPaths = new Set([...folded.values()].flatMap((f) => (f.status === 'unknown' ? findingsOf(f).filter((x) => x.status === 'unknown').map((x) => x.path) : [])));
    const outcome = outcomeOf(ce.applies, requirements.map((r) => r.status));
    return {
      ...head,
      applies: ce.applies,
      outcome,
      period: period ?? null,
      requirements,
      courses,
      rules,
      missing: missingOf(record, ce, period !== undefined, unknownPaths),
      nextSteps: nextSteps(ruleSet, requirements, period?.daysLeft, outcome),
      unverified: ce.unverified,
    };
  });
}

function nextSteps(ruleSet: LoadedRuleSet, requirements: RenewalRequirementResult[], daysLeft: number | undefined, outcome: RenewalOutcome): string[] {
  const steps = requirements.flatMap((r) =>
    r.status === 'unmet'
      ? [`${r.title}: ${r.detail}`]
      : r.status === 'unknown'
        ? [r.verified ? `${r.title}: ${r.detail}` : `${r.title}: ask ${ruleSet.agency.name}; we could not verify this requirement in a source.`]
        : [],
  );
  if (daysLeft !== undefined && daysLeft < 0 && outcome !== 'compliant') steps.unshift(`The period ended ${-daysLeft} days ago: ask ${ruleSet.agency.name} about late renewal.`);
  if (outcome === 'compliant') steps.push(`Renew with ${ruleSet.agency.name} before the deadline: ${ruleSet.agency.url}`);
  return steps;
}
