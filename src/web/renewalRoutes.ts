import express, { type ErrorRequestHandler, type Response } from 'express';
import type { CitedSource } from '../checklist/evaluationTypes';
import type { Catalog } from '../data/loadRuleSets';
import { isoDay } from '../data/staleness';
import { textOf, type FlatValues } from '../profile/flatProfile';
import { safeRecord } from '../profile/safePath';
import { ceRecordExamples } from '../renewal/ceRecordExamples';
import type { CeRecord } from '../renewal/computeCeFacts';
import { ceRecordFromFlat, COURSE_FILE, COURSE_LIST, COURSE_ROWS_MAX, flatFromCeRecord, type CoursePlace } from '../renewal/flatCeRecord';
import { evaluateRenewal } from '../renewal/evaluateRenewal';
import { daysLeftWords, hoursLine } from '../renewal/formatRenewal';
import { RENEWAL_OUTCOME_ICONS, RENEWAL_OUTCOME_WORDS } from '../renewal/renewalOutcomes';
import type { RenewalResult } from '../renewal/renewalTypes';
import { validateCeRecord } from '../renewal/validateCeRecord';
import { keptForBackButton } from './cacheWithRuleData';
import { FORM_BODY_LIMIT_KB, formBodyParser } from './formBody';
import { multipartBody } from './multipartBody';
import { inputId } from './profileForm';
import { renderPage } from './renderPage';
import { renewalFormErrors } from './renewalFormErrors';
import { renewalFormView } from './renewalForm';
import { dotPathOf } from '../words';

/**
 * The renewal check's pages: GET /renewal is the form (a CE record: the license, course rows, a course list to
 * paste or upload), POST /renewal the result, with the form again under it holding every answer. A record
 * with problems brings the form back (422) with each answer as typed and a message at each input. Nothing is
 * stored: an uploaded file is read in memory and comes back as the pasted list.
 */

/** The form's fields: a course row has up to 15 (ten topics), the license and the rest about 80. */
const FIELD_LIMIT = COURSE_ROWS_MAX * 15 + 100;
/** A course list of the 500 courses a record may hold, at about 120 characters a line, fits well within this. */
const LIST_LIMIT_KB = 256;
const LIMITS = { bytes: FORM_BODY_LIMIT_KB * 1024, fields: FIELD_LIMIT, fileBytes: LIST_LIMIT_KB * 1024 };
/** The form is sent as multipart (for its file input); a urlencoded one (a client of its own) is read alike. */
const renewalBody = [multipartBody(LIMITS), formBodyParser(FIELD_LIMIT)];

const COUNTS: { counts: 'yes' | 'maybe' | 'no'; title: string }[] = [
  { counts: 'yes', title: 'Counted' },
  { counts: 'maybe', title: 'May count' },
  { counts: 'no', title: 'Not counted' },
];

/** Where a course came from, as the form shows it. */
const placeWords = (place: CoursePlace | undefined) => (place && 'line' in place ? `Course list, line ${place.line}` : `Course ${(place?.row ?? 0) + 1}`);

/** The input that settles a missing part of the record: a course's own input, or the list it came from. */
function inputFor(pointer: string, places: CoursePlace[]): string {
  const course = /^\/courses\/(\d+)\/([^/]+)/.exec(pointer);
  if (!course) return inputId(dotPathOf(pointer));
  const place = places[Number(course[1])];
  return inputId(place && 'row' in place ? `courses.${place.row}.${course[2]}` : COURSE_LIST);
}

/** Every source the result cites, once each, for the list at its end (which print spells out with addresses). */
function citedSources(r: RenewalResult): CitedSource[] {
  const all = [...r.requirements.flatMap((q) => q.sources), ...r.rules.flatMap((x) => x.sources)];
  return [...new Map(all.map((s) => [s.url, s])).values()];
}

/** What a missing part of the record asks, in the words of the form. */
function question(pointer: string, r: RenewalResult, places: CoursePlace[]): string {
  const course = /^\/courses\/(\d+)\/(delivery|approval)$/.exec(pointer);
  if (course) {
    const c = r.courses[Number(course[1])];
    const name = `${placeWords(places[Number(course[1])])}${c && !/^Course \d+$/.test(c.title) ? ` (${c.title})` : ''}`;
    return course[2] === 'delivery' ? `${name}: how was it given?` : `${name}: who approved it?`;
  }
  if (pointer === '/license/periodEnds') return 'When does the current renewal period end (the license’s expiry)?';
  if (pointer === '/license/issued') return 'When was the license first issued?';
  return pointer;
}

function resultView(r: RenewalResult, places: CoursePlace[]) {
  const courses = r.courses.map((c) => ({ ...c, place: placeWords(places[c.index]), named: !/^Course \d+$/.test(c.title) }));
  return {
    outcomeText: RENEWAL_OUTCOME_WORDS[r.outcome],
    outcomeIcon: RENEWAL_OUTCOME_ICONS[r.outcome],
    daysLeft: r.period && daysLeftWords(r.period.daysLeft),
    requirements: r.requirements.map((q) => ({ ...q, hoursWords: q.hours && hoursLine(q.hours) })),
    courseGroups: COUNTS.map((g) => ({ ...g, courses: courses.filter((c) => c.counts === g.counts) })).filter((g) => g.courses.length > 0),
    questions: r.missing.map((pointer) => ({ title: question(pointer, r, places), inputId: inputFor(pointer, places) })),
    sources: citedSources(r),
  };
}

export function renewalRoutes(catalog: Catalog): express.Router {
  const router = express.Router();

  function renderForm(res: Response, values: FlatValues, errors = new Map<string, string>(), status = 200): void {
    const ruleSet = catalog.get(textOf(values['license.jurisdiction']), textOf(values['license.type']));
    res.status(status).send(
      renderPage('renewal', {
        title: errors.size ? 'Please correct your answers' : 'Renewal check',
        examples: ceRecordExamples,
        form: renewalFormView(catalog, values, errors, ruleSet),
        submitLabel: 'Check my courses',
      }),
    );
  }

  // A link may name the license (from an applicant's checklist) or an example record to start from.
  router.get('/renewal', (req, res) => {
    const q = req.query as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const example = ceRecordExamples.find((x) => x.id === str(q.example));
    const values = example ? flatFromCeRecord(example.record) : safeRecord<FlatValues[string]>([]);
    if (str(q.jurisdiction)) values['license.jurisdiction'] = str(q.jurisdiction).toUpperCase();
    if (str(q.license)) values['license.type'] = str(q.license).toLowerCase();
    values.asOf ??= isoDay();
    renderForm(res, values);
  });

  router.post('/renewal', keptForBackButton, ...renewalBody, async (req, res) => {
    const values = safeRecord(Object.entries((req.body ?? {}) as FlatValues));
    // A chosen file stands for the pasted list, and the form shows it again there: a file input cannot be refilled.
    if (textOf(values[COURSE_FILE]) !== '') values[COURSE_LIST] = values[COURSE_FILE];
    delete values[COURSE_FILE];
    // "Show …" asks for the form again with the chosen license's own roles, topics and items, nothing checked.
    if (values.show !== undefined) {
      delete values.show;
      return renderForm(res, values);
    }
    const today = isoDay();
    const { record, places, listProblems } = ceRecordFromFlat(values, catalog);
    const problems = [...listProblems, ...validateCeRecord(record, catalog, today)];
    if (problems.length > 0) return renderForm(res, values, renewalFormErrors(problems, places, record), 422);
    const ce = record as unknown as CeRecord;
    const ruleSet = catalog.get(ce.license.jurisdiction, ce.license.type)!;
    const r = await evaluateRenewal(ruleSet, ce, today);
    res.send(
      renderPage('renewalResult', {
        title: `${r.jurisdictionName} ${r.title}: renewal check, ${RENEWAL_OUTCOME_WORDS[r.outcome].toLowerCase()}`,
        r,
        today,
        ...resultView(r, places),
        form: renewalFormView(catalog, values, new Map(), ruleSet),
        submitLabel: 'Check again',
      }),
    );
  });
  router.use('/renewal', renewalNotRead);
  return router;
}

/** What each kind of renewal form the server would not read tells the person, in the words of this form (a course list). */
const UNREAD = new Map<string, { reason: string; fix: string }>([
  [
    'entity.too.large',
    {
      reason: `The form you sent is larger than this server accepts (${FORM_BODY_LIMIT_KB} KB in all, ${LIST_LIMIT_KB} KB for the course list), most likely because of the course list.`,
      fix: 'Send a shorter list, or check the courses in two parts.',
    },
  ],
  ['parameters.too.many', { reason: `The form you sent has more fields than this server accepts (${FIELD_LIMIT}).`, fix: 'Send it again from this site’s own form, without added fields.' }],
]);

/** A renewal form too large to read: 413, with a page that says Back returns to the form with the answers in it. */
const renewalNotRead: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  const unread = UNREAD.get(String((err as { type?: unknown } | undefined)?.type));
  if (!unread) return next(err);
  res.status(413).send(renderPage('formNotSent', { title: 'Your answers were not sent', ...unread, startAgain: '/renewal' }));
};
