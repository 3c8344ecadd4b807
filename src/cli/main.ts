#!/usr/bin/env node
import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { isoDay } from '../checklist/staleness';
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
import { coverageGaps, loadGoldenFiles, runGoldenCase } from '../golden/goldenCases';

/** Exit codes: the outcome of `check`, so scripts can branch on it. */
export const EXIT = { usage: 1, ruleData: 2, ...OUTCOME_EXIT_CODES } as const;

class CliError extends Error {
  constructor(message: string, readonly code: number = EXIT.usage) {
    super(message);
  }
}

function catalogOrExit(only?: string[]): Catalog {
  try {
    return loadRuleSets({ only });
  } catch (e) {
    if (e instanceof RuleDataError) throw new CliError(e.message, EXIT.ruleData);
    throw e;
  }
}

function readProfile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${(e as Error).message}`);
  }
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
  const profile = withHoursPerWeek(readProfile(file), opts.hoursPerWeek);
  const problems = validateProfile(profile, catalog);
  if (problems.length > 0) throw new CliError(`Invalid profile in ${file}:\n${problems.map((p) => `  ${p.pointer}: ${p.message}`).join('\n')}`);
  const evaluation = await evaluateProfile(ruleSet, profile as object);
  const today = isoDay();
  const out =
    opts.format === 'json' ? `${JSON.stringify(compactEvaluation(evaluation), null, 2)}\n` : opts.format === 'markdown' ? formatMarkdown(evaluation, today) : formatText(evaluation, today);
  process.stdout.write(out);
  return EXIT[evaluation.outcome];
}

async function validate(codes: string[]): Promise<number> {
  const only = codes.length > 0 ? codes.map((c) => c.toUpperCase()) : undefined;
  const catalog = catalogOrExit(only);
  const sets = catalog.jurisdictions.length * LICENSE_TYPES.length;
  console.log(`Rule data: ${catalog.jurisdictions.length} jurisdictions, ${sets} rule sets valid (version ${catalog.version.hash}).`);
  let passed = 0;
  const failures: string[] = [];
  const files = loadGoldenFiles(undefined, only);
  failures.push(...coverageGaps(catalog, files));
  for (const f of files) {
    for (const c of f.cases) {
      const diffs = await runGoldenCase(catalog, f.jurisdiction, c);
      if (diffs.length === 0) passed++;
      else failures.push(`${f.file} — ${c.license} — ${c.name}:\n    ${diffs.join('\n    ')}`);
    }
  }
  for (const failure of failures) console.log(`FAIL ${failure}`);
  console.log(`Golden cases: ${passed} passed, ${failures.length} failed`);
  return failures.length === 0 ? 0 : EXIT.usage;
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
    .command('validate')
    .description('Validate the rule data and run the golden cases: of every jurisdiction, or only those named.')
    .argument('[codes...]', 'jurisdiction codes to check, e.g. TX FL (default: all)')
    .action(async (codes: string[]) => run(await validate(codes)));
  program
    .command('batch')
    .description('Check a file of clients (CSV with profile fields as columns, or JSON lines) and write one report.')
    .argument('<file>', 'clients.csv (columns: client, jurisdiction, license, then profile fields by dot path) or clients.jsonl')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['markdown', 'json']).default('markdown'))
    .option('-o, --output <file>', 'write the report to this file instead of standard output')
    .addHelpText('after', '\nExit code: 0 when every client was checked, 1 when some row had problems (listed in the report).')
    .action(async (file: string, opts: { format: string; output?: string }) => run(await batch(file, opts)));
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
