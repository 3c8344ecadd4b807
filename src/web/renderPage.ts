import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '../projectRoot';
import { STATUS_WORDS } from '../checklist/formatChecklist';
import { OUTCOME_WORDS } from '../checklist/outcomes';
import type { Outcome } from '../data/ruleSetTypes';
import { LICENSE_NAMES, type LicenseType } from '../data/ruleSetTypes';
import { STALE_AFTER_MONTHS } from '../checklist/staleness';
import { monthRange } from '../checklist/formatChecklist';

/**
 * Handlebars views compiled once at start-up: views/layout.hbs wraps views/pages/*.hbs, with
 * views/partials/*.hbs available to all. Handlebars escapes every {{value}}; the only unescaped output is
 * a page's own rendered HTML placed into the layout.
 */
const viewsDir = path.join(projectRoot, 'views');

function compileDir(dir: string): Map<string, Handlebars.TemplateDelegate> {
  const out = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    out.set(path.basename(file, '.hbs'), hbs.compile(fs.readFileSync(path.join(dir, file), 'utf8'), { strict: false }));
  }
  return out;
}

const hbs = Handlebars.create();
hbs.registerHelper({
  eq: (a: unknown, b: unknown) => a === b,
  defined: (v: unknown) => v !== undefined && v !== null,
  outcomeWord: (o: string) => OUTCOME_WORDS[o as Outcome] ?? o,
  statusWord: (s: string) => STATUS_WORDS[s] ?? s,
  licenseWord: (l: string) => LICENSE_NAMES[l as LicenseType] ?? l,
  plural: (n: number, one: string, many: string) => (n === 1 ? one : many),
  staleMonths: () => STALE_AFTER_MONTHS,
  monthRange,
});
for (const file of fs.readdirSync(path.join(viewsDir, 'partials')).filter((f) => f.endsWith('.hbs'))) {
  hbs.registerPartial(path.basename(file, '.hbs'), fs.readFileSync(path.join(viewsDir, 'partials', file), 'utf8'));
}
const pages = compileDir(path.join(viewsDir, 'pages'));
const layout = hbs.compile(fs.readFileSync(path.join(viewsDir, 'layout.hbs'), 'utf8'));

export interface PageContext {
  title: string;
  [key: string]: unknown;
}

export function renderPage(name: string, context: PageContext): string {
  const page = pages.get(name);
  if (!page) throw new Error(`No view views/pages/${name}.hbs`);
  return layout({ ...context, body: page(context) });
}
