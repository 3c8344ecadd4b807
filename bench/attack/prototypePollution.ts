import { checkValid, postForm, withServer, type Context } from './common';

/**
 * 1. Form posts whose field names walk into Object.prototype. If a parser assigns by dotted path without
 * guarding, one such post poisons every object in the process and later, valid requests fail or show it.
 */
export const REPRODUCERS = [
  'jurisdiction=__proto__.pwned&license=nha&attestations=x',
  'jurisdiction=constructor.prototype&license=nha&attestations=x',
  'jurisdiction=constructor.prototype',
];

export async function prototypePollution(ctx: Context): Promise<void> {
  await withServer({}, async (s) => {
    const statuses: number[] = [];
    for (const body of REPRODUCERS) {
      const a = await postForm(s.port, '/check', body);
      statuses.push(a.status);
      ctx.say(`POST /check ${body} → ${a.status || a.error}`);
    }
    const after = await checkValid(s.port);
    ctx.say(`Then: ${after.summary}`);
    ctx.check('reproducers: no 5xx', statuses.join(', '), statuses.every((x) => x > 0 && x < 500));
    ctx.check('valid requests 200 afterwards, no "pwned"', after.brief, after.ok);
  });
}
