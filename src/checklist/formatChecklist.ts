import type { Evaluation, PathwayResult, RequirementResult } from './evaluationTypes';
import { LICENSE_NAMES } from '../data/ruleSetTypes';
import { STALE_AFTER_MONTHS } from '../data/staleness';
import { questionTitles } from '../wording/describeFindings';
import { OUTCOME_WORDS } from './outcomes';
import { counted, escapeMarkdown } from '../words';

/** Plain-text and Markdown renderings of a checklist, for the CLI and for advisors' files. */

export const STATUS_WORDS: Record<string, string> = { met: 'Met', unmet: 'Not met', unknown: 'Unknown' };
const MARK: Record<string, string> = { met: '[x]', unmet: '[ ]', unknown: '[?]' };


/** The route every rendering leads with: the best route to a license, else (no full route) the best there is. */
export const headlineRoute = (e: Evaluation) => e.pathways.find((p) => p.id === (e.bestLicenseRoute ?? e.bestPathway));

/** The routes as every rendering lists them: the headline route, then the others best first. */
export function routesInOrder(e: Evaluation): (PathwayResult & { role: RouteRole })[] {
  const headline = headlineRoute(e);
  const byId = new Map(e.pathways.map((p) => [p.id, p]));
  const ordered = [headline, ...e.rankedPathways.map((id) => byId.get(id))].filter((p): p is PathwayResult => p !== undefined);
  return [...new Set(ordered)].map((p) => ({ ...p, role: p === headline ? 'best' : p.id === e.meanwhile ? 'meanwhile' : 'other' }));
}
export type RouteRole = 'best' | 'meanwhile' | 'other';
export const ROLE_WORDS: Record<RouteRole, string> = { best: 'Best route', meanwhile: 'Meanwhile', other: 'Other route' };

/** "9–14 months from now (estimate)", or that the person could apply now. */
export function estimateLine(p: PathwayResult): string {
  const e = p.estimate;
  const rests = e.unverified.length ? `; rests on ${counted(e.unverified.length, 'unverified requirement')}` : '';
  if (e.band !== 'now') return e.maxMonths === null && e.minMonths < 1 ? `${e.words} (estimate${rests})` : `${e.words} from now (estimate${rests})`;
  return e.maxMonths === 0 ? `Eligible now${rests}` : `Eligible now: the board's processing, ${e.words}${rests}`;
}

/** A step's length: "3.2 months", "0–2 months", "length not known". */
export const monthRange = (min: number, max: number | null) =>
  max === null ? (min > 0 ? `at least ${min} months` : 'length not known') : min === max ? counted(max, 'month') : `${min}–${max} months`;

/** The estimate's steps and assumptions, one line each, for the text and Markdown renderings. */
function estimateLines(p: PathwayResult): string[] {
  return [
    ...p.estimate.parts.map((x) => `${x.title}: ${monthRange(x.minMonths, x.maxMonths)} (${x.basis})`),
    ...p.estimate.assumptions.map((a) => `Assumed: ${a.title}${a.sources[0] ? ` (${a.sources[0].title})` : ' (our assumption)'}`),
  ];
}

function sourceList(r: RequirementResult) {
  return r.sources.map((s) => s.title).join('; ');
}

/** Said wherever the verification date is printed, when it is too old to trust. */
const staleWarning = (e: Evaluation) => (e.ruleSet.stale ? `, OUT OF DATE: not checked in the last ${STALE_AFTER_MONTHS} months` : '');

/** What every rendering tells a person who holds this credential here already. */
export const alreadyLicensedWords = (e: Evaluation) => `You already hold an active ${e.title} ${e.credential} from ${e.jurisdictionName}`;

/** The agency's address, phone and email, where an official page gave them. */
const contactParts = (e: Evaluation) => {
  const c = e.ruleSet.agency.contact;
  return c ? [c.address, c.phone && `phone ${c.phone}`, c.email && `email ${c.email}`].filter((x): x is string => Boolean(x)) : [];
};

/** What the route leads to and who may take it, in one line: "Full license by endorsement … Only for …". */
const routeLine = (p: PathwayResult) => [p.leadsTo, p.openTo && `${p.openTo} (${p.entry!.question})`].filter(Boolean).join('. ') + '.';

export function formatText(e: Evaluation, today: string): string {
  const lines = [
    `${e.jurisdictionName} — ${e.title} (${LICENSE_NAMES[e.license].toLowerCase()})`,
    `Result: ${OUTCOME_WORDS[e.outcome]}`,
    ...(e.alreadyLicensed ? [`${alreadyLicensedWords(e)}: what is left is renewing it.${e.ruleSet.renewal ? ` ${e.ruleSet.renewal.summary}` : ''}`] : []),
    `Rules last verified ${e.ruleSet.lastVerified}${staleWarning(e)} (confidence: ${e.ruleSet.confidence}); checked ${today}.`,
    '',
  ];
  for (const p of routesInOrder(e)) {
    lines.push(`${ROLE_WORDS[p.role]}: ${p.title} — ${OUTCOME_WORDS[p.outcome]}`);
    lines.push(`  ${routeLine(p)}`);
    lines.push(`  Time: ${estimateLine(p)}`);
    if (p.role === 'best') lines.push(...estimateLines(p).map((l) => `    - ${l}`));
    for (const r of p.requirements) {
      lines.push(`  ${MARK[r.status]} ${r.title} — ${r.detail}`);
      lines.push(`      Source: ${sourceList(r)}`);
    }
    lines.push('');
  }
  if (e.nextSteps.length) lines.push(e.readyToApply ? 'Next steps (ready to apply):' : 'Next steps:', ...e.nextSteps.map((s, i) => `  ${i + 1}. ${s}`), '');
  if (e.entryQuestions.length) lines.push('Who may take which route (answer first):', ...e.entryQuestions.map((q) => `  - ${q.question}`), '');
  if (e.missing.length) lines.push('Questions that would settle it:', ...questionTitles(e.missing).map((t) => `  - ${t}`), '');
  lines.push(`Agency: ${[e.ruleSet.agency.name, e.ruleSet.agency.url, ...contactParts(e)].join(' · ')}`, '');
  lines.push('Not legal advice: confirm every requirement with the agency before you rely on it.');
  return lines.join('\n') + '\n';
}

const md = escapeMarkdown;

export function formatMarkdown(e: Evaluation, today: string): string {
  const lines = [
    `# ${md(e.jurisdictionName)} — ${md(e.title)}`,
    '',
    `**Result: ${OUTCOME_WORDS[e.outcome]}** · rules last verified ${e.ruleSet.lastVerified}${staleWarning(e)} (confidence ${e.ruleSet.confidence}) · checked ${today}`,
    ...(e.alreadyLicensed ? ['', `**${md(alreadyLicensedWords(e))}:** what is left is renewing it.${e.ruleSet.renewal ? ` ${md(e.ruleSet.renewal.summary)}` : ''}`] : []),
    '',
  ];
  for (const p of routesInOrder(e)) {
    lines.push(`## ${ROLE_WORDS[p.role]}: ${md(p.title)} — ${OUTCOME_WORDS[p.outcome]}`, '');
    lines.push(`_${md(routeLine(p))}_`, '', `**Time:** ${md(estimateLine(p))}`, '');
    if (p.role === 'best') lines.push(...estimateLines(p).map((l) => `- ${md(l)}`), '');
    lines.push('| Status | Requirement | Detail | Sources |', '|---|---|---|---|');
    for (const r of p.requirements) {
      const sources = r.sources.map((s) => `[${md(s.title)}](${s.url})`).join('<br>');
      lines.push(`| ${STATUS_WORDS[r.status]} | ${md(r.title)} | ${md(r.detail)} | ${sources} |`);
    }
    lines.push('');
  }
  if (e.nextSteps.length) lines.push(e.readyToApply ? '## Next steps: ready to apply' : '## Next steps', '', ...e.nextSteps.map((s, i) => `${i + 1}. ${md(s)}`), '');
  if (e.entryQuestions.length) lines.push('## Who may take which route (answer first)', '', ...e.entryQuestions.map((q) => `- ${md(q.question)}`), '');
  if (e.missing.length) lines.push('## Questions that would settle it', '', ...questionTitles(e.missing).map((t) => `- ${md(t)}`), '');
  lines.push(`Agency: [${md(e.ruleSet.agency.name)}](${e.ruleSet.agency.url})${contactParts(e).map((c) => ` · ${md(c)}`).join('')}`, '');
  lines.push('_Not legal advice: confirm every requirement with the agency before you rely on it._');
  return lines.join('\n') + '\n';
}
