import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Catalog } from '../data/loadRuleSets';
import type { Problem } from '../data/schemas';
import type { Evaluation } from '../checklist/evaluationTypes';
import { evaluateEach } from '../evaluateProfile';
import { profileFromFlat, type FlatValues } from '../profile/flatProfile';
import { validateEvaluationRequest, type EvaluationRequest } from '../profile/validateProfile';
import { formatMarkdown, headlineRoute } from '../checklist/formatChecklist';
import { OUTCOME_WORDS } from '../checklist/outcomes';
import { counted, dotPathOf, escapeMarkdown } from '../words';

/**
 * An advisor's file of clients, one per CSV row or JSON line, each checked against its own jurisdiction
 * and license; the report keeps the file's order and lists each row's problems instead of stopping at them.
 *
 * CSV: a header row naming `client` (optional), `jurisdiction`, `license` and profile fields by dot path,
 * exactly as the web form names them, read by profileFromFlat as the form's inputs are: a list in one cell
 * (`exams.stateExams` as "TX; FL" or "none"), a list of rows a column per part and row
 * (`credentials.licenses.0.type`), `attestations` as "id; id". Blank means unknown.
 * JSON lines: one `{ "client"?, "jurisdiction", "license", "profile" }` object per line, as the API takes.
 */

export interface ClientEntry {
  /** The client's name from the file, or "row N" / "line N". */
  client: string;
  /** The jurisdiction and license as the file gives them, kept for the report even when the row is refused. */
  asked: { jurisdiction: string; license: string };
  request?: EvaluationRequest;
  problems: Problem[];
}

export interface ClientResult {
  client: string;
  asked: ClientEntry['asked'];
  evaluation?: Evaluation;
  problems: Problem[];
}

const askedIn = (v: { jurisdiction?: unknown; license?: unknown }): ClientEntry['asked'] => ({
  jurisdiction: typeof v.jurisdiction === 'string' ? v.jurisdiction.trim().toUpperCase() : '',
  license: typeof v.license === 'string' ? v.license.trim().toLowerCase() : '',
});

function fromCsv(text: string, catalog: Catalog): ClientEntry[] {
  const records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  return records.map((record, i) => {
    // Column names are the file's: rest and spread copy own values without running a setter, and
    // profileFromFlat reads only known names, from a null-prototype copy without the refused names.
    const { client, ...fields } = record;
    const name = client || `row ${i + 2}`;
    const asked = askedIn(fields);
    const parsed = profileFromFlat({ ...fields, ...asked } as FlatValues, catalog);
    // Said by column, as the advisor's spreadsheet names it.
    const problems = parsed.problems.map((p) => ({ pointer: `column ${dotPathOf(p.pointer) || 'jurisdiction'}`, message: p.message }));
    return problems.length
      ? { client: name, asked, problems }
      : { client: name, asked, request: { jurisdiction: parsed.jurisdiction, license: parsed.license, profile: parsed.profile }, problems: [] };
  });
}

function fromJsonLines(text: string, catalog: Catalog): ClientEntry[] {
  return text.split(/\r?\n/).flatMap((line, i): ClientEntry[] => {
    if (line.trim() === '') return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      return [{ client: `line ${i + 1}`, asked: askedIn({}), problems: [{ pointer: '', message: `not valid JSON: ${(e as Error).message}` }] }];
    }
    const { client, ...request } = (value && typeof value === 'object' ? value : {}) as { client?: unknown };
    const name = typeof client === 'string' && client ? client : `line ${i + 1}`;
    const problems = validateEvaluationRequest(value && typeof value === 'object' ? request : value, catalog);
    if (problems.length === 0 && !catalog.get((request as EvaluationRequest).jurisdiction, (request as EvaluationRequest).license)) {
      problems.push({ pointer: '/jurisdiction', message: 'no rule set for this jurisdiction and license' });
    }
    const asked = askedIn(request as { jurisdiction?: unknown; license?: unknown });
    return [problems.length ? { client: name, asked, problems } : { client: name, asked, request: request as EvaluationRequest, problems: [] }];
  });
}

/** Reads a clients file: CSV by its .csv extension, JSON lines otherwise. */
export function readClients(file: string, text: string, catalog: Catalog): ClientEntry[] {
  return path.extname(file).toLowerCase() === '.csv' ? fromCsv(text, catalog) : fromJsonLines(text, catalog);
}

/**
 * Evaluates the valid entries in order, in one turn as the API's batch does, calling `progress` once per
 * entry (a refused entry counts at once); refused entries keep their problems.
 */
export async function evaluateClients(catalog: Catalog, entries: ClientEntry[], progress: () => void = () => undefined): Promise<ClientResult[]> {
  const runs = entries.flatMap((entry) => {
    const ruleSet = entry.request && catalog.get(entry.request.jurisdiction, entry.request.license);
    return ruleSet ? [{ entry, ruleSet, profile: entry.request!.profile }] : [];
  });
  const runOf = new Map(runs.map((r, i) => [r.entry, i]));
  entries.filter((e) => !runOf.has(e)).forEach(() => progress());
  const evaluations = (await evaluateEach(runs, () => progress())).map((evaluate) => evaluate());
  return entries.map((entry) => {
    const i = runOf.get(entry) ?? -1;
    return i >= 0 ? { client: entry.client, asked: entry.asked, evaluation: evaluations[i]!, problems: [] } : { client: entry.client, asked: entry.asked, problems: entry.problems };
  });
}

const cell = escapeMarkdown;

export function formatBatchMarkdown(results: ClientResult[], catalog: Catalog, today: string): string {
  const lines = [
    `# Licensure checklists: ${counted(results.length, 'client')}`,
    '',
    `Checked ${today} against rule data ${catalog.version.hash} (newest verification ${catalog.version.lastVerified}). Not legal advice: confirm every requirement with the agency.`,
    '',
    '| Client | Jurisdiction | License | Result | Best route | Time | Not met | Unknown |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const e = r.evaluation;
    if (!e) {
      lines.push(`| ${cell(r.client)} | ${cell(r.asked.jurisdiction)} | ${cell(r.asked.license)} | Not checked: ${counted(r.problems.length, 'problem')} in the file | | | | |`);
      continue;
    }
    const best = headlineRoute(e);
    lines.push(`| ${cell(r.client)} | ${e.jurisdiction} | ${e.license} | ${OUTCOME_WORDS[e.outcome]} | ${cell(best?.title ?? '—')} | ${cell(best ? best.estimate.words : '—')} | ${best?.counts.unmet ?? 0} | ${best?.counts.unknown ?? 0} |`);
  }
  lines.push('');
  for (const r of results) {
    lines.push(`# Client: ${cell(r.client)}`, '');
    if (r.evaluation) lines.push(formatMarkdown(r.evaluation, today).replace(/^#/gm, '##'));
    else lines.push('Not checked. Problems in the file:', '', ...r.problems.map((p) => `- ${cell(p.pointer || 'the line')}: ${cell(p.message)}`), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
