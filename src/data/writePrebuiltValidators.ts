import fs from 'node:fs';
import path from 'node:path';
import standaloneCode from 'ajv/dist/standalone';
import { createCompiler } from './schemaCompiler';
import { fragmentsAskedFor, PREBUILT_FILE, schemaHash, schemaId, schemas, VALIDATED_SCHEMAS, type ValidatorName } from './schemas';
import { loadRuleSets } from './loadRuleSets';
import { RuleDataError } from './RuleDataError';

/**
 * The last step of `npm run build`: every validator as plain JavaScript (ajv's standalone code), so that a
 * built server or CLI loads them rather than compiling the schemas at each start (most of a cold start).
 * With them, the schema fragments that checking the repository's rule data asks for; rule data elsewhere
 * (RULE_DATA_DIR) or edited since may ask for others, which are compiled when asked for.
 */
export function prebuiltValidatorsCode(): string {
  try {
    loadRuleSets();
  } catch (e) {
    // Broken rule data stops the app, not the build: the fragments asked for before the end are all known.
    if (!(e instanceof RuleDataError)) throw e;
  }
  const fragments = fragmentsAskedFor();
  const ajv = createCompiler(schemas, { source: true });
  fragments.forEach((text, i) => ajv.addSchema(JSON.parse(text) as object, `fragment${i}`));
  const exported = {
    ...Object.fromEntries((Object.keys(VALIDATED_SCHEMAS) as ValidatorName[]).map((name) => [name, schemaId(name)])),
    ...Object.fromEntries(fragments.map((_, i) => [`fragment${i}`, `fragment${i}`])),
  };
  const byText = fragments.map((text, i) => `${JSON.stringify(text)}: exports.fragment${i}`).join(',\n');
  return `${standaloneCode(ajv, exported)}\nexports.fragments = {\n${byText}\n};\nexports.schemaHash = ${JSON.stringify(schemaHash)};\n`;
}

/** Writes the module into `dir` whole, or not at all: a process starting meanwhile never reads half a file. */
export function writePrebuiltValidators(dir: string): string {
  const file = path.join(dir, PREBUILT_FILE);
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, prebuiltValidatorsCode());
  fs.renameSync(partial, file);
  return file;
}

if (require.main === module) writePrebuiltValidators(__dirname);
