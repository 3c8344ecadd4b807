import type { CitedSource } from '../checklist/evaluationTypes';
import { STATUS_WORDS } from '../checklist/formatChecklist';
import { STALE_AFTER_MONTHS } from '../data/staleness';
import { counted, escapeMarkdown, formatNumber } from '../words';
import type { CourseOutcome } from './computeCeFacts';
import { ceRecordLabel } from './ceRecordFields';
import { RENEWAL_OUTCOME_WORDS } from './renewalOutcomes';
import type { RenewalRequirementResult, RenewalResult } from './renewalTypes';

/**
 * Plain-text and Markdown renderings of a renewal check, for the CLI and advisors' files: the outcome and
 * the deadline first, then each requirement with its hours and citations, each course with why it counted
 * or not, what would settle the rest, the rules in words with their sources, and how old the rule data is.
 */

const MARK: Record<string, string> = { met: '[x]', unmet: '[ ]', unknown: '[?]' };
const COURSE_MARK: Record<CourseOutcome['counts'], string> = { yes: '[x]', no: '[ ]', maybe: '[?]' };
const COUNTS_WORDS: Record<CourseOutcome['counts'], string> = { yes: 'Counted', no: 'Not counted', maybe: 'May count' };
const number = (n: number) => formatNumber(n, 2);
const hoursOf = (n: number) => `${number(n)} ${n === 1 ? 'hour' : 'hours'}`;

/** "45 days left", "today", "passed 12 days ago". */
export const daysLeftWords = (daysLeft: number) => (daysLeft > 0 ? `${counted(daysLeft, 'day')} left` : daysLeft === 0 ? 'today' : `passed ${counted(-daysLeft, 'day')} ago`);

/** "2026-12-31, 45 days left", "2026-12-31, today", "2026-06-30, passed 12 days ago", or what would tell it. */
export function deadlineLine(r: RenewalResult): string {
  const p = r.period;
  if (!p) return 'not known: give the date the license expires (the current period ends)';
  return `${p.ends}, ${daysLeftWords(p.daysLeft)} (courses completed from ${p.countsFrom} count)`;
}

/**
 * "20 counted · 27 needed · 7 to go". Where courses leave it open (approval or delivery not given), what
 * may count as well, and the hours to go as a range: fewer if those courses count.
 */
export function hoursLine(h: NonNullable<RenewalRequirementResult['hours']>): string {
  if (h.mayCount <= h.counted) return `${number(h.counted)} counted · ${number(h.needed)} needed · ${number(h.toGo)} to go`;
  const fewest = Math.max(0, h.needed - h.mayCount);
  const toGo = fewest === h.toGo ? number(h.toGo) : `${number(fewest)}–${number(h.toGo)}`;
  return `${number(h.counted)} counted, up to ${number(h.mayCount)} · ${number(h.needed)} needed · ${toGo} to go`;
}

/** A course in one line: what it is, and what became of it. */
function courseLine(c: CourseOutcome): string {
  const fate = c.counts === 'yes' ? `counted ${hoursOf(c.countedHours)}` : c.counts === 'no' ? 'not counted' : 'may count';
  return `${c.title} — ${hoursOf(c.hours)}, completed ${c.completed}: ${fate}${c.reasons.length ? ` (${c.reasons.join('; ')})` : ''}`;
}

/** The questions that would settle what is unknown, by what the record's fields are called. */
function questions(r: RenewalResult): string[] {
  const titled = (i: number) => {
    const title = r.courses[i]?.title;
    return title === `Course ${i + 1}` ? undefined : title;
  };
  return r.missing.map((pointer) => ceRecordLabel(pointer, titled));
}

const sourceTitles = (sources: CitedSource[]) => sources.map((s) => s.title).join('; ');
const staleWarning = (r: RenewalResult) => (r.about.stale ? `, OUT OF DATE: not checked in the last ${STALE_AFTER_MONTHS} months` : '');
const verifiedLine = (r: RenewalResult) => `Renewal rules last verified ${r.about.lastVerified}${staleWarning(r)} (confidence: ${r.about.confidence}); checked as of ${r.asOf}.`;
const DISCLAIMER = 'Not legal advice: confirm every requirement with the agency before you rely on it.';

export function formatRenewalText(r: RenewalResult): string {
  const lines = [`${r.jurisdictionName} — ${r.title}: renewal check`, `Result: ${RENEWAL_OUTCOME_WORDS[r.outcome]}`, `Deadline: ${deadlineLine(r)}`, verifiedLine(r), ''];
  if (r.requirements.length) {
    lines.push('Requirements:');
    for (const q of r.requirements) {
      lines.push(`  ${MARK[q.status]} ${q.title} — ${q.detail}`);
      if (q.hours) lines.push(`      Hours: ${hoursLine(q.hours)}`);
      lines.push(`      Source: ${sourceTitles(q.sources)}`);
    }
    lines.push('');
  }
  if (r.courses.length) lines.push('Courses:', ...r.courses.map((c) => `  ${COURSE_MARK[c.counts]} ${courseLine(c)}`), '');
  if (r.missing.length) lines.push('What would settle it:', ...questions(r).map((q) => `  - ${q}`), '');
  if (r.nextSteps.length) lines.push('Next steps:', ...r.nextSteps.map((s, i) => `  ${i + 1}. ${s}`), '');
  if (r.rules.length) {
    lines.push('Rules:');
    for (const rule of r.rules) lines.push(`  ${rule.title}: ${rule.text}`, `      Source: ${sourceTitles(rule.sources)}`);
    lines.push('');
  }
  if (r.unverified.length) lines.push('Not verified in a source:', ...r.unverified.map((u) => `  - ${u}`), '');
  lines.push(`Agency: ${r.about.agency.name} · ${r.about.agency.url}`, '', DISCLAIMER);
  return `${lines.join('\n')}\n`;
}

const md = escapeMarkdown;
const sourceLinks = (sources: CitedSource[]) => sources.map((s) => `[${md(s.title)}](${s.url})`).join('<br>');

export function formatRenewalMarkdown(r: RenewalResult): string {
  const lines = [
    `# ${md(r.jurisdictionName)} — ${md(r.title)}: renewal check`,
    '',
    `**Result: ${RENEWAL_OUTCOME_WORDS[r.outcome]}** · deadline ${md(deadlineLine(r))}`,
    '',
    md(verifiedLine(r)),
    '',
  ];
  if (r.requirements.length) {
    lines.push('## Requirements', '', '| Status | Requirement | Hours | Detail | Sources |', '|---|---|---|---|---|');
    for (const q of r.requirements) lines.push(`| ${STATUS_WORDS[q.status]} | ${md(q.title)} | ${q.hours ? md(hoursLine(q.hours)) : '—'} | ${md(q.detail)} | ${sourceLinks(q.sources)} |`);
    lines.push('');
  }
  if (r.courses.length) {
    lines.push('## Courses', '', '| # | Course | Hours | Completed | Counts | Why |', '|---|---|---|---|---|---|');
    for (const c of r.courses) {
      const counts = c.counts === 'yes' ? `${COUNTS_WORDS.yes}: ${hoursOf(c.countedHours)}` : COUNTS_WORDS[c.counts];
      lines.push(`| ${c.index + 1} | ${md(c.title)} | ${number(c.hours)} | ${c.completed} | ${counts} | ${md(c.reasons.join('; ')) || '—'} |`);
    }
    lines.push('');
  }
  if (r.missing.length) lines.push('## What would settle it', '', ...questions(r).map((q) => `- ${md(q)}`), '');
  if (r.nextSteps.length) lines.push('## Next steps', '', ...r.nextSteps.map((s, i) => `${i + 1}. ${md(s)}`), '');
  if (r.rules.length) {
    lines.push('## Rules', '');
    for (const rule of r.rules) lines.push(`- **${md(rule.title)}:** ${md(rule.text)} (${rule.sources.map((s) => `[${md(s.title)}](${s.url})`).join('; ')})`);
    lines.push('');
  }
  if (r.unverified.length) lines.push('## Not verified in a source', '', ...r.unverified.map((u) => `- ${md(u)}`), '');
  lines.push(`Agency: [${md(r.about.agency.name)}](${r.about.agency.url})`, '', `_${DISCLAIMER}_`);
  return `${lines.join('\n')}\n`;
}
