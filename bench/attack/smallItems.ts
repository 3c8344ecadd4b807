import { answerText, ask, postForm, withServer, type Context } from './common';

/** 9. Answers that were wrong in small ways: misleading messages, unsupported charsets taken, files served. */
export async function smallItems(ctx: Context): Promise<void> {
  await withServer({}, async (s) => {
    const badForm = await postForm(s.port, '/check', 'jurisdiction=%E0%A4%A');
    const badFormText = answerText(badForm);
    ctx.say(`POST /check jurisdiction=%E0%A4%A → ${badForm.status}: "${badFormText.slice(0, 160)}"`);
    ctx.check(
      'bad URL encoding in a form: 400 about the form, not JSON',
      `${badForm.status}, ${/JSON/.test(badFormText) ? 'mentions JSON' : /encod|form/i.test(badFormText) ? 'mentions the form / encoding' : 'says neither'}`,
      badForm.status === 400 && /encod|form/i.test(badFormText) && !/JSON/.test(badFormText),
    );

    for (const body of ['"hello"', '42']) {
      const a = await ask(s.port, { method: 'POST', path: '/api/v1/evaluations', headers: { 'content-type': 'application/json' }, body });
      const text = answerText(a);
      ctx.say(`POST /api/v1/evaluations ${body} → ${a.status}: "${text.slice(0, 160)}"`);
      ctx.check(
        `JSON body ${body}: says it must be a JSON object`,
        `${a.status}, "${text.slice(0, 60)}"`,
        a.status >= 400 && a.status < 500 && /object/i.test(text) && !/not valid JSON/i.test(text),
      );
    }

    const json = JSON.stringify({ jurisdiction: 'TX', license: 'nha', profile: {} });
    for (const [charset, body] of [['utf-16', Buffer.from(json, 'utf16le')], ['utf-7', Buffer.from(json, 'latin1')]] as const) {
      const a = await ask(s.port, { method: 'POST', path: '/api/v1/evaluations', headers: { 'content-type': `application/json; charset=${charset}` }, body });
      ctx.say(`POST /api/v1/evaluations with charset=${charset} → ${a.status}: "${answerText(a).slice(0, 120)}"`);
      ctx.check(`Content-Type application/json; charset=${charset}: 415`, String(a.status || a.error), a.status === 415);
    }

    const assets: [string, number][] = [
      ['package.json', 404],
      ['README.md', 404],
      ['index.html', 404],
      ['swagger-ui.css', 200],
      ['swagger-ui-bundle.js', 200],
    ];
    const got: string[] = [];
    let ok = true;
    for (const [file, expected] of assets) {
      const a = await ask(s.port, { path: `/api/docs/assets/${file}` });
      got.push(`${file} ${a.status || a.error}`);
      ok &&= a.status === expected;
    }
    ctx.say(`GET /api/docs/assets/…: ${got.join(', ')}`);
    ctx.check('docs assets: only Swagger UI files served (others 404)', got.join(', '), ok);
  });
}
