import { Command } from 'commander';
import { loadRuleSets, type Catalog } from '../src/data/loadRuleSets';
import { RuleDataError } from '../src/data/RuleDataError';
import { LICENSE_TYPES } from '../src/data/ruleSetTypes';
import { coverageGaps, loadGoldenFiles, runGoldenCase } from './golden/goldenCases';
import { renewalCoverageGaps, runRenewalCase } from './golden/renewalCases';

/**
 * For whoever edits the rule data, not shipped with the app: `npm run validate -- [XX ...]` validates the
 * rule data and runs the golden cases (test/golden/), of every jurisdiction or only those named, so one file
 * can be checked while others are being edited. Exit code 0 when all pass, 1 when a case fails or a rule set
 * lacks cases, 2 when the rule data is invalid (every problem as file#/pointer: reason).
 */
const EXIT = { passed: 0, failed: 1, ruleData: 2 } as const;

async function validate(codes: string[]): Promise<number> {
  const only = codes.length > 0 ? codes.map((c) => c.toUpperCase()) : undefined;
  let catalog: Catalog;
  try {
    catalog = loadRuleSets({ only });
  } catch (e) {
    if (!(e instanceof RuleDataError)) throw e;
    console.error(e.message);
    return EXIT.ruleData;
  }
  const sets = catalog.jurisdictions.length * LICENSE_TYPES.length;
  console.log(`Rule data: ${catalog.jurisdictions.length} jurisdictions, ${sets} rule sets valid (version ${catalog.version.hash}).`);
  let passed = 0;
  const files = loadGoldenFiles(undefined, only);
  const failures = [...coverageGaps(catalog, files), ...renewalCoverageGaps(catalog, files)];
  const record = (file: string, what: string, diffs: string[]) => {
    if (diffs.length === 0) passed++;
    else failures.push(`${file} — ${what}:\n    ${diffs.join('\n    ')}`);
  };
  for (const f of files) {
    for (const c of f.cases) record(f.file, `${c.license} — ${c.name}`, await runGoldenCase(catalog, f.jurisdiction, c));
    for (const c of f.renewalCases ?? []) record(f.file, `${c.record.license.type} renewal — ${c.name}`, await runRenewalCase(catalog, f.jurisdiction, c));
  }
  for (const failure of failures) console.log(`FAIL ${failure}`);
  console.log(`Golden cases: ${passed} passed, ${failures.length} failed`);
  return failures.length === 0 ? EXIT.passed : EXIT.failed;
}

new Command('npm run validate --')
  .description('Validate the rule data and run the golden cases: of every jurisdiction, or only those named.')
  .argument('[codes...]', 'jurisdiction codes to check, e.g. TX FL (default: all)')
  .showHelpAfterError()
  .action(async (codes: string[]) => {
    process.exitCode = await validate(codes);
  })
  .parseAsync()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = EXIT.failed;
  });
