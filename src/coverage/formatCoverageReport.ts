import type { CoverageReport, CoverageRow } from './buildCoverageReport';
import { STALE_AFTER_MONTHS } from '../data/staleness';
import { counted, escapeMarkdown } from '../words';

/** The coverage report as a table of strings: one layout for the terminal and for Markdown. */

export const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

const HEADER = ['Jurisdiction', 'License', 'Credential', 'Pathways', 'Requirements', 'Official source', 'Last verified', 'Confidence', 'Renewal CE'];

/** What renewal CE rules a rule set holds, in a few words: "credential, 67% official, medium confidence". */
export function renewalWords(r: CoverageRow['renewal']): string {
  if (!r) return 'not encoded';
  return `${r.applies}, ${percent(r.officialShare)} official, ${r.confidence}${r.stale ? ' STALE' : ''}`;
}

function cells(r: CoverageRow): string[] {
  return [
    `${r.jurisdiction} ${r.name}`,
    r.license,
    r.credential,
    r.endorsementPathways ? `${r.pathways} (${r.endorsementPathways} endorsement)` : String(r.pathways),
    r.unverifiedRequirements ? `${r.requirements} (${r.unverifiedRequirements} unverified)` : String(r.requirements),
    percent(r.officialShare),
    r.stale ? `${r.lastVerified} STALE` : r.lastVerified,
    r.confidence,
    renewalWords(r.renewal),
  ];
}

function summaryLines(report: CoverageReport): string[] {
  const t = report.totals;
  const r = t.renewal;
  return [
    `${t.jurisdictions} jurisdictions, ${t.ruleSets} rule sets, ${t.pathways} pathways (${t.endorsementPathways} endorsement), ${t.requirements} requirements (${t.unverifiedRequirements} unverified).`,
    `Requirements with an official source: ${t.officialRequirements} of ${t.requirements} (${percent(t.officialShare)}).`,
    `Confidence: ${t.byConfidence.high} high, ${t.byConfidence.medium} medium, ${t.byConfidence.low} low. Credential: ${t.byCredential.license} license, ${t.byCredential.certificate} certificate, ${t.byCredential.registration} registration, ${t.byCredential.none} none.`,
    `Not verified in the last ${STALE_AFTER_MONTHS} months: ${counted(t.stale, 'rule set')}.`,
    `Renewal CE: ${r.byApplies.credential} credential, ${r.byApplies['facility-training']} facility training, ${r.byApplies.none} none found, ${r.byApplies.missing} not encoded. Cited sources official: ${r.officialSources} of ${r.sources} (${percent(r.officialShare)}). Confidence: ${r.byConfidence.high} high, ${r.byConfidence.medium} medium, ${r.byConfidence.low} low.`,
  ];
}

export function formatCoverageText(report: CoverageReport): string {
  const table = [HEADER, ...report.rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [`Rule data coverage on ${report.generated}`, '', line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...report.rows.map((r) => line(cells(r))), '', ...summaryLines(report), ''].join('\n');
}

export function formatCoverageMarkdown(report: CoverageReport): string {
  const line = (row: string[]) => `| ${row.map(escapeMarkdown).join(' | ')} |`;
  return [
    `# Rule data coverage on ${report.generated}`,
    '',
    line(HEADER),
    `|${HEADER.map(() => '---').join('|')}|`,
    ...report.rows.map((r) => line(cells(r))),
    '',
    ...summaryLines(report).map((l) => `- ${l}`),
    '',
  ].join('\n');
}
