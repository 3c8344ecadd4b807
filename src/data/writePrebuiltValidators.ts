import fs from 'node:fs';
import path from 'node:path';
import standaloneCode from 'ajv/dist/standalone';
import { createCompiler } from './schemaCompiler';
import { CHECKED_FILE, fragmentsAskedFor, partOf, PREBUILT_FILES, schemaHash, schemaId, schemas, VALIDATED_SCHEMAS, type CheckedStamp, type PrebuiltPart, type ValidatorName } from './schemas';
import { loadRuleSets } from './loadRuleSets';
import { RuleDataError } from './RuleDataError';

/**
 * The last step of `npm run build`: every validator as plain JavaScript (ajv's standalone code), so that a
 * built server or CLI loads them rather than compiling the schemas at each start (most of a cold start).
 * With the rule-data part, the schema fragments that checking the repository's rule data asks for; rule data
 * elsewhere (RULE_DATA_DIR) or edited since may ask for others, which are compiled when asked for.
 */
export function prebuiltValidatorsCode(): { code: Record<PrebuiltPart, string>; checked?: CheckedStamp } {
  let checked: CheckedStamp | undefined;
  try {
    // Every file checked, whatever an earlier build said: the checks are what ask for the fragments.
    checked = { schemaHash, ruleData: loadRuleSets({ alreadyChecked: false }).contentHash };
  } catch (e) {
    // Broken rule data stops the app, not the build: the fragments asked for before the end are all known.
    if (!(e instanceof RuleDataError)) throw e;
  }
  const fragments = fragmentsAskedFor();
  const partCode = (part: PrebuiltPart) => {
    const ajv = createCompiler(schemas, { source: true });
    const names = (Object.keys(VALIDATED_SCHEMAS) as ValidatorName[]).filter((name) => partOf(name) === part);
    const exported: Record<string, string> = Object.fromEntries(names.map((name) => [name, schemaId(name)]));
    let code = '';
    if (part === 'ruleData') {
      fragments.forEach((text, i) => {
        ajv.addSchema(JSON.parse(text) as object, `fragment${i}`);
        exported[`fragment${i}`] = `fragment${i}`;
      });
      code = `\nexports.fragments = {\n${fragments.map((text, i) => `${JSON.stringify(text)}: exports.fragment${i}`).join(',\n')}\n};`;
    }
    return `${standaloneCode(ajv, exported)}${code}\nexports.schemaHash = ${JSON.stringify(schemaHash)};\n`;
  };
  return { code: { requests: partCode('requests'), ruleData: partCode('ruleData') }, checked };
}

/** Writes `text` to the file whole, or not at all: a process starting meanwhile never reads half a file. */
function writeWhole(file: string, text: string): void {
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
}

/**
 * Writes the validators module into `dir` and, when the rule data passed every check, the stamp that lets
 * a start skip checking it again (loadRuleSets); when it did not, any earlier stamp is removed.
 */
export function writePrebuiltValidators(dir: string): void {
  const { code, checked } = prebuiltValidatorsCode();
  for (const part of Object.keys(PREBUILT_FILES) as PrebuiltPart[]) writeWhole(path.join(dir, PREBUILT_FILES[part]), code[part]);
  if (checked) writeWhole(path.join(dir, CHECKED_FILE), `${JSON.stringify(checked)}\n`);
  else fs.rmSync(path.join(dir, CHECKED_FILE), { force: true });
}

if (require.main === module) writePrebuiltValidators(__dirname);
