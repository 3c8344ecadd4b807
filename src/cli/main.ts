#!/usr/bin/env node
import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { isoDay } from '../data/staleness';
import { Presets, SingleBar } from 'cli-progress';
import { evaluateClients, formatBatchMarkdown, readClients } from './batchClients';
import { buildCoverageReport } from '../coverage/buildCoverageReport';
import { formatCoverageMarkdown, formatCoverageText } from '../coverage/formatCoverageReport';
import { loadRuleSets, type Catalog } from '../data/loadRuleSets';
import { RuleDataError } from '../data/RuleDataError';
import { validateProfile } from '../profile/validateProfile';
import { evaluateProfile } from '../evaluateProfile';
import { compactEvaluation } from '../checklist/compactEvaluation';
import { formatMarkdown, formatText } from '../checklist/formatChecklist';
import { OUTCOME_EXIT_CODES } from '../checklist/outcomes';
import { LICENSE_TYPES } from '../data/ruleSetTypes';
import type { Problem } from '../data/schemas';
import { validateCeRecord } from '../renewal/validateCeRecord';
import { evaluateRenewal } from '../renewal/evaluateRenewal';
import { formatRenewalMarkdown, formatRenewalText } from '../renewal/formatRenewal';
import { RENEWAL_EXIT_CODES } from '../renewal/renewalOutcomes';
import type { CeRecord } from '../renewal/computeCeFacts';
import { readCourses } from '../renewal/readCourses';

/** Exit codes: the outcome of `check`, so scripts can branch on it. */
export const EXIT = { usage: 1, ruleData: 2, ...OUTCOME_EXIT_CODES } as const;

class CliError extends Error {
  constructor(message: string, readonly code: number = EXIT.usage) {
    super(message);
  }
}

function catalogOrExit(): Catalog {
  try {
    return loadRuleSets();
  } catch (e) {
    if (e instanceof RuleDataError) throw new CliError(e.message, EXIT.ruleData);
    throw e;
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${(e as Error).message}`);
  }
}

function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

interface CheckOptions {
  jurisdiction: string;
  license: string;
  format: string;
  hoursPerWeek?: number;
}

/** The weekly hours given on the command line stand for the profile's own answer. */
function withHoursPerWeek(profile: unknown, hours: number | undefined): unknown {
  if (hours === undefined || typeof profile !== 'object' || profile === null || Array.isArray(profile)) return profile;
  const p = profile as { training?: object };
  return { ...p, training: { ...(p.training ?? {}), hoursPerWeek: hours } };
}

async function check(file: string, opts: CheckOptions): Promise<number> {
  const catalog = catalogOrExit();
  const code = opts.jurisdiction.toUpperCase();
  const ruleSet = catalog.get(code, opts.license);
  if (!ruleSet) throw new CliError(`No ${opts.license} rule set for ${code}. Known: ${catalog.jurisdictions.map((j) => j.code).join(', ')}`);
  const profile = withHoursPerWeek(readJson(file), opts.hoursPerWeek);
  const problems = validateProfile(profile, catalog);
  if (problems.length > 0) throw new CliError(`Invalid profile in ${file}:\n${problems.map((p) => `  ${p.pointer}: ${p.message}`).join('\n')}`);
  const evaluation = await evaluateProfile(ruleSet, profile as object);
  const today = isoDay();
  const out =
    opts.format === 'json' ? `${JSON.stringify(compactEvaluation(evaluation), null, 2)}\n` : opts.format === 'markdown' ? formatMarkdown(evaluation, today) : formatText(evaluation, today);
  process.stdout.write(out);
  return EXIT[evaluation.outcome];
}

interface RenewalOptions {
  record?: string;
  jurisdiction?: string;
  license: string;
  issued?: string;
  periodEnds?: string;
  roles?: string;
  carriedOver?: string;
  asOf?: string;
  courses?: string;
  format: string;
}

/** Where a problem with a record built from options and a courses CSV is, as the person typed it. */
function placeInInput(pointer: string, coursesFile: string, lines: number[]): string {
  const course = /^\/courses\/(\d+)\/([^/]+)/.exec(pointer);
  if (course) return `${coursesFile}, row ${lines[Number(course[1])]}, column ${course[2]}`;
  const options: [RegExp, string][] = [[/^\/license\/jurisdiction/, '--jurisdiction'], [/^\/license\/type/, '--license'], [/^\/license\/issued/, '--issued'], [/^\/license\/periodEnds/, '--period-ends'], [/^\/license\/roles/, '--roles'], [/^\/carriedOverHours/, '--carried-over'], [/^\/asOf/, '--as-of']];
  return options.find(([re]) => re.test(pointer))?.[1] ?? coursesFile;
}

const listProblems = (problems: Problem[], where: (p: Problem) => string) => problems.map((p) => `  ${where(p)}: ${p.message}`).join('\n');

/** The record the options describe: a JSON record as it is (its asOf replaced by --as-of), or one built from the options and a courses CSV. */
function renewalRecord(opts: RenewalOptions, catalog: Catalog, today: string): CeRecord {
  if (opts.record) {
    const read = readJson(opts.record);
    const record = opts.asOf && read && typeof read === 'object' && !Array.isArray(read) ? { ...read, asOf: opts.asOf } : read;
    const problems = validateCeRecord(record, catalog, today);
    if (problems.length > 0) throw new CliError(`Invalid record in ${opts.record}:\n${listProblems(problems, (p) => p.pointer)}`);
    return record as CeRecord;
  }
  if (!opts.jurisdiction || !opts.courses) throw new CliError('Give a record (--record FILE), or the license (--jurisdiction, --license) and the courses (--courses FILE.csv).');
  const jurisdiction = opts.jurisdiction.toUpperCase();
  let rows;
  try {
    rows = readCourses(readText(opts.courses), catalog.get(jurisdiction, opts.license));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${opts.courses} is not a readable CSV file: ${(e as Error).message}`);
  }
  if (rows.problems.length > 0) throw new CliError(`The columns of ${opts.courses} are not right:\n${listProblems(rows.problems, (p) => p.pointer)}`);
  const roles = (opts.roles ?? '').split(',').map((r) => r.trim().toLowerCase()).filter(Boolean);
  const record: unknown = {
    license: { jurisdiction, type: opts.license, ...(opts.issued && { issued: opts.issued }), ...(opts.periodEnds && { periodEnds: opts.periodEnds }), ...(roles.length && { roles }) },
    courses: rows.courses,
    ...(opts.carriedOver !== undefined && { carriedOverHours: Number.isFinite(Number(opts.carriedOver)) ? Number(opts.carriedOver) : opts.carriedOver }),
    ...(opts.asOf && { asOf: opts.asOf }),
  };
  const problems = validateCeRecord(record, catalog, today);
  if (problems.length > 0) throw new CliError(`Invalid input:\n${listProblems(problems, (p) => placeInInput(p.pointer, opts.courses!, rows.lines))}`);
  return record as CeRecord;
}

async function renewal(opts: RenewalOptions): Promise<number> {
  const catalog = catalogOrExit();
  const today = isoDay();
  const record = renewalRecord(opts, catalog, today);
  const result = await evaluateRenewal(catalog.get(record.license.jurisdiction, record.license.type)!, record, today);
  const formats: Record<string, () => string> = {
    json: () => `${JSON.stringify(result, null, 2)}\n`,
    markdown: () => formatRenewalMarkdown(result),
    text: () => formatRenewalText(result),
  };
  process.stdout.write(formats[opts.format]!());
  return RENEWAL_EXIT_CODES[result.outcome];
}

function coverage(opts: { format: string }): number {
  const report = buildCoverageReport(catalogOrExit());
  const formats: Record<string, () => string> = {
    json: () => `${JSON.stringify(report, null, 2)}\n`,
    markdown: () => formatCoverageMarkdown(report),
    text: () => formatCoverageText(report),
  };
  process.stdout.write(formats[opts.format]!());
  return 0;
}

async function batch(file: string, opts: { format: string; output?: string }): Promise<number> {
  const catalog = catalogOrExit();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  let entries;
  try {
    entries = readClients(file, text, catalog);
  } catch (e) {
    throw new CliError(`${file} is not a readable CSV file: ${(e as Error).message}`);
  }
  // A progress bar only where someone watches: on a terminal, on standard error.
  const bar = process.stderr.isTTY ? new SingleBar({ format: 'Checking clients [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic) : undefined;
  bar?.start(entries.length, 0);
  const results = await evaluateClients(catalog, entries, () => bar?.increment());
  bar?.stop();
  const today = isoDay();
  const out =
    opts.format === 'json'
      ? `${JSON.stringify({ generated: today, ruleDataVersion: catalog.version, results: results.map((r) => ({ ...r, ...(r.evaluation && { evaluation: compactEvaluation(r.evaluation) }) })) }, null, 2)}\n`
      : formatBatchMarkdown(results, catalog, today);
  if (opts.output) fs.writeFileSync(opts.output, out);
  else process.stdout.write(out);
  const failed = results.filter((r) => !r.evaluation).length;
  if (failed > 0) console.error(`${failed} of ${results.length} clients were not checked: see their problems in the report.`);
  return failed > 0 ? EXIT.usage : 0;
}

function hoursArgument(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || n < 1 || n > 80) throw new InvalidArgumentError('give a number of hours from 1 to 80');
  return n;
}

export function buildProgram(run: (code: number) => void): Command {
  const program = new Command('ltc-check')
    .description('Checks applicant profiles against US long-term-care administrator licensure rules.')
    .showHelpAfterError();
  program
    .command('check')
    .description('Check a profile (JSON file, or - for standard input) against one jurisdiction and license.')
    .argument('<profile>', 'profile JSON file, or - to read standard input')
    .requiredOption('-j, --jurisdiction <code>', 'two-letter jurisdiction code, e.g. TX')
    .addOption(new Option('-l, --license <type>', 'license type').choices([...LICENSE_TYPES]).default('nha'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .addOption(
      new Option('-w, --hours-per-week <hours>', 'hours a week you can give to training still to do, for the time estimate (default: the profile\'s answer, else full time, 40)').argParser(hoursArgument),
    )
    .addHelpText('after', `\nExit code: ${Object.entries(EXIT).map(([k, v]) => `${v} ${k}`).join(', ')}.`)
    .action(async (file: string, opts: CheckOptions) => run(await check(file, opts)));
  program
    .command('batch')
    .description('Check a file of clients (CSV with profile fields as columns, or JSON lines) and write one report.')
    .argument('<file>', 'clients.csv (columns: client, jurisdiction, license, then profile fields by dot path) or clients.jsonl')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['markdown', 'json']).default('markdown'))
    .option('-o, --output <file>', 'write the report to this file instead of standard output')
    .addHelpText('after', '\nExit code: 0 when every client was checked, 1 when some row had problems (listed in the report).')
    .action(async (file: string, opts: { format: string; output?: string }) => run(await batch(file, opts)));
  const renewalExit = { ...RENEWAL_EXIT_CODES, 'bad input': EXIT.usage, 'invalid rule data': EXIT.ruleData };
  program
    .command('renewal')
    .description('Check a continuing-education record against the renewal rules of its license: a JSON record, or the license in options and the courses in a CSV file.')
    .addOption(new Option('-r, --record <file>', 'CE record JSON file (rules/schema/ce-record.schema.json), or - to read standard input').conflicts(['jurisdiction', 'issued', 'periodEnds', 'roles', 'carriedOver', 'courses']))
    .option('-j, --jurisdiction <code>', 'two-letter jurisdiction code of the license, e.g. TN')
    .addOption(new Option('-l, --license <type>', 'license type').choices([...LICENSE_TYPES]).default('nha'))
    .option('--issued <date>', 'date the license was first issued (YYYY-MM-DD)')
    .option('--period-ends <date>', 'date the current renewal period ends: the license\'s expiry (YYYY-MM-DD)')
    .option('--roles <ids>', 'roles the renewal rules vary by, separated by commas: preceptor, hse, or one the rule set names')
    .option('--carried-over <hours>', 'hours carried over from the period before, where the rules let them count')
    .option('--as-of <date>', 'check as of this day (YYYY-MM-DD; default: today)')
    .option('-c, --courses <file>', 'courses CSV: columns title, hours, completed, topics (separated by ;), delivery, approval')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .addHelpText('after', `\nExit code: ${Object.entries(renewalExit).map(([k, v]) => `${v} ${k}`).join(', ')}.`)
    .action(async (opts: RenewalOptions) => run(await renewal(opts)));
  program
    .command('coverage')
    .description('Report, per jurisdiction and license, what the rule data covers and how well it is sourced.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .action((opts: { format: string }) => run(coverage(opts)));
  return program;
}

if (require.main === module) {
  buildProgram((code) => {
    process.exitCode = code;
  })
    .parseAsync()
    .catch((e: unknown) => {
      if (e instanceof CliError) {
        console.error(e.message);
        process.exitCode = e.code;
      } else {
        console.error(e);
        process.exitCode = EXIT.usage;
      }
    });
}
