import type { Assumption, EstimateAssumptions, MonthRange } from '../data/estimateAssumptions';
import type { PathwayOutcome, Requirement, RequirementCategory } from '../data/ruleSetTypes';
import type { Finding, Folded } from '../engine/foldConditions';
import { counted, formatNumber } from '../words';
import { reads } from '../engine/operators/wordingParts';
import { memo } from '../memo';

/**
 * How long a route takes from now to a license, from what is left on it: time still to go on numeric
 * requirements (hours at the person's weekly rate, months, years, credit hours), a degree still to earn,
 * the fixed length of what the profile cannot measure (`takes` in the rule data), the exams, and the
 * board's processing. Every figure besides the rule data comes from rules/estimates.json and is listed.
 * What cannot be known widens the range: an answer not given makes a step's shortest time 0 (it may be
 * done) and a step whose length nothing states makes the estimate open-ended, "at least N months".
 */

/** Where the estimate falls, for sorting and the comparison map's colours. */
export type EstimateBand = 'now' | 'under-6' | '6-12' | 'over-12' | 'unknown';

export interface EstimatePart {
  /** The requirement this step is for; absent for the exam and licensing steps every route shares. */
  requirement?: string;
  title: string;
  minMonths: number;
  /** null: nothing states how long it takes. */
  maxMonths: number | null;
  /** Why this length, in words. */
  basis: string;
}

export interface Estimate {
  minMonths: number;
  /** null: some step's length cannot be estimated, so the estimate is "at least minMonths". */
  maxMonths: number | null;
  /** The longest time with steps nobody can time counted as none: maxMonths where there is one; an open-ended estimate ranks by it. */
  timedMaxMonths: number;
  band: EstimateBand;
  /** "9–14 months", "at least 6 months", "up to 2 months". */
  words: string;
  hoursPerWeek: number;
  parts: EstimatePart[];
  /** Each assumption of rules/estimates.json the estimate used, with its sources. */
  assumptions: ({ id: string } & Pick<Assumption, 'title' | 'description' | 'sources'>)[];
  /** Titles of the requirements it rests on that no source verified. */
  unverified: string[];
  /**
   * Titles of steps surely still to do whose length nothing states (a degree in another field, a license
   * to earn elsewhere): the estimate is open-ended and may be long. Unanswered steps are not listed: they
   * may be done.
   */
  untimed: string[];
}

type Phase = 'education' | 'preparation' | 'exam' | 'licensing';

/** Education comes first and its steps follow one another; training and experience may overlap. */
const PHASE_OF: Record<RequirementCategory, Phase> = {
  education: 'education',
  training: 'preparation',
  experience: 'preparation',
  other: 'licensing',
  exam: 'exam',
  license: 'licensing',
  background: 'licensing',
  application: 'licensing',
};
/**
 * Categories whose time is its own: with nothing to measure it by, their length is unknown rather than none.
 * A license is one only when it is missing (earning one elsewhere first); an unanswered one, or the
 * board's judgement of it, is settled with the application.
 */
const timeBearing = (category: RequirementCategory, status: 'unmet' | 'unknown') =>
  category === 'education' || category === 'training' || category === 'experience' || (category === 'license' && status === 'unmet');

interface Step extends EstimatePart {
  phase: Phase;
  /** unmet: surely still to do; unknown: not answered, so it may be done. */
  status: 'unmet' | 'unknown';
  used: string[];
  unverified?: true;
}

const sum = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
const number = (n: number) => formatNumber(n, 1);

/** The estimate's context: the assumptions, and the weekly hours that pace clock-hour requirements. */
export interface Pace {
  assumptions: EstimateAssumptions;
  hoursPerWeek: number;
}

export function paceFor(assumptions: EstimateAssumptions, profile: object): Pace {
  const given = (profile as { training?: { hoursPerWeek?: unknown } }).training?.hoursPerWeek;
  return { assumptions, hoursPerWeek: typeof given === 'number' && given > 0 ? given : assumptions.assumptions.fullTimeWeek!.value! };
}

const WEEKS_PER_MONTH = 52 / 12;
const monthsOfHours = (hours: number, pace: Pace) => hours / (pace.hoursPerWeek * WEEKS_PER_MONTH);

function range(assumptions: EstimateAssumptions, id: string): MonthRange {
  const months = assumptions.assumptions[id]?.months;
  if (!months) throw new Error(`rules/estimates.json has no months for "${id}"`);
  return months;
}

type Timed = MonthRange & { used: string[]; words: string[] };
/** A span whose end nothing states: "at least min", with what of it can be timed. */
type Open = { open: true; min: number; used: string[]; words: string[] };
type Span = Timed | Open;
const isOpen = (x: Span): x is Open => 'open' in x;
const NONE: Timed = { min: 0, max: 0, used: [], words: [] };
const UNTIMED: Open = { open: true, min: 0, used: [], words: [] };

/** The spans' words or assumptions, each once: most spans of a tree are met and add none. */
function merged(spans: Span[], key: 'words' | 'used'): string[] {
  const out: string[] = [];
  for (const span of spans) for (const x of span[key]) if (!out.includes(x)) out.push(x);
  return out;
}

/** Time to go on one numeric finding, by its field's pace; undefined for a field that is not paced. */
function numericTime(f: Finding, pace: Pace): Timed | undefined {
  if (!f.operator.startsWith('greaterThan') || typeof f.value !== 'number') return undefined;
  const { pointer, field } = reads(f);
  const kind = pace.assumptions.fieldPace[pointer];
  if (!kind) return undefined;
  const have = typeof f.factResult === 'number' ? f.factResult : 0;
  // "More than 0 months" not met is at least a unit away, not none.
  const left = Math.max(f.operator === 'greaterThan' && f.status !== 'met' ? 1 : 0, f.value - have);
  if (kind === 'hours') {
    const months = monthsOfHours(left, pace);
    return { min: months, max: months, used: ['fullTimeWeek'], words: [`${number(left)} hours at ${number(pace.hoursPerWeek)} hours a week`] };
  }
  if (kind === 'months') return { min: left, max: left, used: [], words: [`${number(left)} months`] };
  // Years of age: an unanswered age is a question, not a wait.
  if (kind === 'years') return f.status === 'unknown' ? NONE : { min: Math.max(0, left - 1) * 12, max: left * 12, used: [], words: [`${number(left)} years`] };
  const per = range(pace.assumptions, kind.assumption);
  return { min: left * per.min, max: left * per.max, used: [kind.assumption], words: [`${number(left)} ${field?.unit ?? 'credit hours'}`] };
}

/** Time to earn the lowest degree a finding accepts, from the one held (or from none, when not answered). */
function degreeTime(f: Finding, pace: Pace): Timed | undefined {
  if (f.path !== 'education.highestDegree' || (f.operator !== 'in' && f.operator !== 'equal')) return undefined;
  const ladder = pace.assumptions.degreeSteps;
  const accepted = (Array.isArray(f.value) ? f.value : [f.value]).map((v) => ladder.findIndex((s) => s.degree === v)).filter((i) => i >= 0);
  if (accepted.length === 0) return undefined;
  const target = Math.min(...accepted);
  const held = Math.max(0, ladder.findIndex((s) => s.degree === f.factResult));
  if (held >= target) return undefined; // the level is there: what is missing is not a degree's time
  const steps = ladder.slice(held + 1, target + 1);
  const ranges = steps.map((s) => range(pace.assumptions, s.assumption!));
  return {
    min: ranges.reduce((a, r) => a + r.min, 0),
    max: ranges.reduce((a, r) => a + r.max, 0),
    used: steps.map((s) => s.assumption!),
    words: [`a degree to earn (${steps.map((s) => pace.assumptions.assumptions[s.assumption!]!.title.toLowerCase()).join(', then ')})`],
  };
}

function takesTime(r: Requirement, pace: Pace): Timed | undefined {
  const t = r.takes;
  if (!t) return undefined;
  if (t.hours !== undefined) {
    const m = monthsOfHours(t.hours, pace);
    return { min: m, max: m, used: ['fullTimeWeek'], words: [t.hours === 0 ? 'no time of its own' : `${number(t.hours)} hours at ${number(pace.hoursPerWeek)} hours a week`] };
  }
  const m = t.weeks !== undefined ? t.weeks / WEEKS_PER_MONTH : t.months!;
  return { min: m, max: m, used: [], words: [m === 0 ? 'no time of its own' : t.weeks !== undefined ? `${number(t.weeks)} weeks` : `${number(t.months!)} months`] };
}

/**
 * Time still to go on a condition tree. A leaf not met takes its field's time (hours, months, a degree);
 * one not answered may already be done, so its shortest time is none. A leaf whose field measures no time
 * (a yes/no, a field of study) takes none when unanswered (it is a question) and cannot be timed when not
 * met. `all` needs every part: at best they overlap, at worst they add up. `any` needs one: the quickest.
 */
function treeTime(node: Folded, pace: Pace): Span {
  if (node.status === 'met') return NONE;
  if (node.kind === 'leaf') {
    const t = numericTime(node.finding, pace) ?? degreeTime(node.finding, pace);
    if (t) return node.status === 'unknown' ? { ...t, min: 0 } : t;
    return node.status === 'unknown' ? NONE : UNTIMED;
  }
  if (node.kind === 'not') return node.status === 'unknown' ? NONE : UNTIMED;
  const parts = node.children.map((c) => treeTime(c, pace));
  const words = (xs: Span[]) => merged(xs, 'words');
  const used = (xs: Span[]) => merged(xs, 'used');
  if (node.kind === 'all') {
    // Every part is needed: the longest known part is the least it takes, even beside one nobody can time.
    const min = Math.max(0, ...parts.map((t) => t.min));
    if (parts.some(isOpen)) return { open: true, min, used: used(parts), words: words(parts) };
    const timed = parts as Timed[];
    return { min, max: timed.reduce((a, t) => a + t.max, 0), used: used(timed), words: words(timed) };
  }
  const timed = parts.filter((p): p is Timed => !isOpen(p) && p !== NONE);
  if (timed.length === 0) return parts.some((p) => p === NONE) ? NONE : { open: true, min: Math.min(...parts.map((p) => p.min)), used: [], words: [] };
  const quickest = timed.reduce((a, b) => (b.max < a.max ? b : a));
  // An unanswered question among the alternatives may already meet it (shortest: none); the longest is the
  // quickest alternative that can be timed (an open one could be quicker, but nothing says so).
  const min = parts.includes(NONE) ? 0 : Math.min(...timed.map((t) => t.min));
  return { min, max: quickest.max, used: quickest.used, words: quickest.words };
}

/** What is left of one requirement, as a step with its length; undefined when it is met or adds no time of its own. */
export function stepOf(r: Requirement, folded: Folded | undefined, pace: Pace): Step | undefined {
  const status = folded?.status ?? 'unknown';
  if (status === 'met') return undefined;
  const phase: Phase = r.takes && PHASE_OF[r.category] === 'licensing' ? 'preparation' : PHASE_OF[r.category];
  // Steps are written out field by field: every checklist makes one per requirement, and spreading a shared
  // base into each was a large share of its cost.
  const step = (minMonths: number, maxMonths: number | null, basis: string, used: string[]): Step => {
    const out: Step = { requirement: r.id, title: r.title, phase, status, minMonths, maxMonths, basis, used };
    if (r.unverified !== undefined) out.unverified = true;
    return out;
  };
  if (phase === 'exam') return step(0, 0, 'the exam step below', []);

  // What the rule data fixes comes first: the profile cannot measure what is left of such a requirement.
  const fixed = takesTime(r, pace);
  const measured: Span = fixed ?? (r.conditions && folded ? treeTime(folded, pace) : timeBearing(r.category, status) ? UNTIMED : NONE);
  if (isOpen(measured)) {
    // Unanswered, it is settled with the application; not met, it is surely ahead and nobody can time it.
    if (status === 'unknown' && !timeBearing(r.category, status)) return step(0, 0, 'done with the application', []);
    const known = measured.words.length ? `; at least ${measured.words.join(' and ')}` : '';
    const why = r.unverified !== undefined
      ? 'its terms were not verified, so its length is not known'
      : timeBearing(r.category, status)
        ? `nothing states how long all of it takes${known}`
        : 'not met, and no length of time meets it: ask the board';
    return step(status === 'unknown' ? 0 : measured.min, null, why, measured.used);
  }
  if (measured.max === 0 && measured.words.length === 0) return step(0, 0, 'a question to answer, not a wait', []);
  const words = measured.words.join(' or ');
  // An unanswered step may already be done: its shortest time is none.
  const min = status === 'unknown' ? 0 : measured.min;
  return step(min, measured.max, status === 'unknown' ? `if not done yet: ${words}` : words, measured.used);
}

function shared(assumptions: EstimateAssumptions, id: string, title: string, surely: boolean): Step {
  const r = range(assumptions, id);
  const phase: Phase = id === 'licenseIssue' ? 'licensing' : 'exam';
  return { title, phase, status: surely ? 'unmet' : 'unknown', minMonths: surely ? r.min : 0, maxMonths: r.max, basis: surely ? 'assumed: see the assumptions' : 'assumed, if an exam is still ahead', used: [id] };
}

const EXAM_STEPS = [
  ['examApproval', 'Approval to take the exams'],
  ['examPreparation', 'Preparing for the exams'],
  ['examSitting', 'Scheduling and sitting the exams'],
] as const;

/** Each assumption as an estimate lists it, built once for every estimate that uses it. */
const assumptionsShown = memo(
  (assumptions: EstimateAssumptions) =>
    new Map(Object.entries(assumptions.assumptions).map(([id, { title, description, sources }]) => [id, { id, title, description, sources }])),
);

/** The steps every route shares, from the assumptions alone: built once, never changed. */
const sharedSteps = memo((assumptions: EstimateAssumptions) => {
  const exams = (surely: boolean) => EXAM_STEPS.map(([id, title]) => shared(assumptions, id, title, surely));
  return { examsAhead: exams(true), examsMaybe: exams(false), licensing: [shared(assumptions, 'licenseIssue', 'The board issues the license', true)] };
});

function wordsOf(min: number, max: number | null): string {
  const lo = Math.floor(min);
  if (max === null) return lo === 0 ? 'length not known' : `at least ${counted(lo, 'month')}`;
  const hi = Math.ceil(max);
  if (hi === 0) return 'nothing left to wait for';
  if (lo === 0) return `up to ${counted(hi, 'month')}`;
  return lo === hi ? `about ${hi} months` : `${lo}–${hi} months`;
}

function bandOf(outcome: PathwayOutcome, min: number, max: number | null): EstimateBand {
  if (outcome === 'eligible') return 'now';
  if (max === null) return min > 12 ? 'over-12' : 'unknown';
  const middle = (min + max) / 2;
  return middle < 6 ? 'under-6' : middle <= 12 ? '6-12' : 'over-12';
}

/** An estimate's figures: all that ranking routes reads. */
export type EstimateFigures = Omit<Estimate, 'parts' | 'assumptions'>;

/**
 * A route timed: its figures, and the steps they come from. A comparison ranks every route of 51
 * jurisdictions by the figures but shows the steps of one route each: `estimateOf` writes them out only for
 * the routes shown.
 */
export interface RouteTiming {
  figures: EstimateFigures;
  /** Education in sequence, then training and experience, then the exams, then licensing. */
  steps: Step[];
  assumptions: EstimateAssumptions;
}

/** Rounded once, to a tenth of a month: the words, the band and the figures then always agree. */
const tenth = (n: number) => Math.round(n * 10) / 10;

/**
 * A route's time from its requirements' steps: education in sequence, then training and experience (at
 * best all at once, at worst one after another), then the exams once for all of them, then licensing.
 */
export function timeRoute(steps: (Step | undefined)[], outcome: PathwayOutcome, pace: Pace, { issued = true } = {}): RouteTiming {
  // One pass, for every route of every jurisdiction of a comparison: each step to its phase.
  const education: Step[] = [];
  const preparation: Step[] = [];
  const licensingOwn: Step[] = [];
  const unverified: string[] = [];
  const untimed: string[] = [];
  let examsLeft = false;
  let examAhead = false;
  for (const s of steps) {
    if (s === undefined) continue;
    if (s.unverified) unverified.push(s.title);
    if (s.status === 'unmet' && s.maxMonths === null) untimed.push(s.title);
    if (s.phase === 'exam') {
      examsLeft = true;
      // An exam not passed is surely ahead; one not answered may be behind.
      examAhead ||= s.status === 'unmet';
      continue;
    }
    if (s.minMonths === 0 && s.maxMonths === 0) continue;
    // Two requirements asking for the same degree (a master's, and a route's master's-only course) are one degree.
    if (s.phase === 'education') {
      if (!education.some((t) => t.basis === s.basis && t.minMonths === s.minMonths && t.maxMonths === s.maxMonths)) education.push(s);
    } else (s.phase === 'preparation' ? preparation : licensingOwn).push(s);
  }
  const fixed = sharedSteps(pace.assumptions);
  const exams = examsLeft ? (examAhead ? fixed.examsAhead : fixed.examsMaybe) : [];
  // Where the role has no credential of its own (facility qualifications), no board issues anything.
  const licensing = issued ? fixed.licensing : [];

  // Education in sequence; training and experience overlapping at best, one after another at worst; then
  // the exams and licensing. The longest is also worked out with untimed steps as none, to rank by.
  const prepared = [...preparation, ...licensingOwn];
  const parts = [...education, ...prepared, ...exams, ...licensing];
  const longest = (untimed: number | null) => parts.reduce<number | null>((a, s) => sum(a, s.maxMonths ?? untimed), 0);
  const inSequence = (xs: Step[]) => xs.reduce((a, s) => a + s.minMonths, 0);
  const min = inSequence(education) + prepared.reduce((a, s) => Math.max(a, s.minMonths), 0) + inSequence(exams) + inSequence(licensing);
  const max = longest(null);
  const [low, high] = [tenth(min), max === null ? null : tenth(max)];
  return {
    figures: { minMonths: low, maxMonths: high, timedMaxMonths: tenth(longest(0)!), band: bandOf(outcome, low, high), words: wordsOf(low, high), hoursPerWeek: pace.hoursPerWeek, unverified, untimed },
    steps: parts,
    assumptions: pace.assumptions,
  };
}

/** A timed route's estimate as shown: its figures, each step with its length, and the assumptions used. */
export function estimateOf({ figures, steps, assumptions }: RouteTiming): Estimate {
  const shown = assumptionsShown(assumptions);
  const used = new Set<string>();
  for (const s of steps) for (const id of s.used) used.add(id);
  return {
    minMonths: figures.minMonths,
    maxMonths: figures.maxMonths,
    timedMaxMonths: figures.timedMaxMonths,
    band: figures.band,
    words: figures.words,
    hoursPerWeek: figures.hoursPerWeek,
    parts: steps.map(({ requirement, title, minMonths, maxMonths, basis }): EstimatePart => {
      const [low, high] = [tenth(minMonths), maxMonths === null ? null : tenth(maxMonths)];
      return requirement === undefined ? { title, minMonths: low, maxMonths: high, basis } : { requirement, title, minMonths: low, maxMonths: high, basis };
    }),
    assumptions: [...used].map((id) => shown.get(id)!),
    unverified: figures.unverified,
    untimed: figures.untimed,
  };
}

/**
 * Sooner first. An estimate that can be timed comes before an open-ended one, whose unanswered steps may take
 * any time, and that before one with a step surely ahead that nothing can time (a degree in another field).
 * Then one resting only on verified requirements before one resting on unverified ones. Then by the middle
 * of the range (an open-ended one by the longest it can be timed), then the shortest.
 */
export function compareEstimates(a: EstimateFigures, b: EstimateFigures): number {
  const soon = (e: EstimateFigures) => (e.maxMonths === null ? e.timedMaxMonths : (e.minMonths + e.maxMonths) / 2);
  return (
    Number(a.untimed.length > 0) - Number(b.untimed.length > 0) ||
    Number(a.maxMonths === null) - Number(b.maxMonths === null) ||
    Number(a.unverified.length > 0) - Number(b.unverified.length > 0) ||
    soon(a) - soon(b) ||
    a.minMonths - b.minMonths
  );
}
