import fs from 'node:fs';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { projectRoot } from '../projectRoot';
import { STATUS_WORDS } from '../checklist/formatChecklist';
import { OUTCOME_WORDS } from '../checklist/outcomes';
import type { Outcome } from '../data/ruleSetTypes';
import { LICENSE_NAMES, type LicenseType } from '../data/ruleSetTypes';
import { STALE_AFTER_MONTHS } from '../data/staleness';
import { monthRange } from '../checklist/formatChecklist';

/**
 * Handlebars views, compiled on the first page asked for (an API-only start never loads Handlebars):
 * views/layout.hbs wraps views/pages/*.hbs, with views/partials/*.hbs available to all. Handlebars escapes
 * every {{value}}; the only unescaped output is a page's own rendered HTML placed into the layout.
 */
const viewsDir = path.join(projectRoot, 'views');

interface Views {
  pages: Map<string, Handlebars.TemplateDelegate>;
  layout: Handlebars.TemplateDelegate;
}

function compileViews(): Views {
  const hbs = (require('handlebars') as typeof Handlebars).create();
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
  const hbsFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.hbs'));
  for (const file of hbsFiles(path.join(viewsDir, 'partials'))) {
    hbs.registerPartial(path.basename(file, '.hbs'), fs.readFileSync(path.join(viewsDir, 'partials', file), 'utf8'));
  }
  const pages = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of hbsFiles(path.join(viewsDir, 'pages'))) {
    pages.set(path.basename(file, '.hbs'), hbs.compile(fs.readFileSync(path.join(viewsDir, 'pages', file), 'utf8'), { strict: false }));
  }
  return { pages, layout: hbs.compile(fs.readFileSync(path.join(viewsDir, 'layout.hbs'), 'utf8')) };
}
let views: Views | undefined;

export interface PageContext {
  title: string;
  [key: string]: unknown;
}

export function renderPage(name: string, context: PageContext): string {
  const { pages, layout } = (views ??= compileViews());
  const page = pages.get(name);
  if (!page) throw new Error(`No view views/pages/${name}.hbs`);
  return layout({ ...context, body: page(context) });
}
