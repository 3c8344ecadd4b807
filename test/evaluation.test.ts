import assert from 'node:assert/strict';
import { findingsOf, foldLeaf, treeFolder, type EvaluatedNode } from '../src/engine/foldConditions';
import type { RuleSet, Status } from '../src/data/ruleSetTypes';
import { evaluateProfile } from '../src/evaluateProfile';
import { runInTurn, runRuleSet } from '../src/engine/runRuleSet';
import { bachelorRequirement, fictionalRuleSet } from './support/fictionalRuleSet';
import { probeCondition } from './support/probeCondition';

const leaf = (status: Status | 'skipped', extra: Partial<EvaluatedNode> = {}): EvaluatedNode =>
  status === 'skipped'
    ? { fact: 'profile', path: 'age', operator: 'equal', value: 1 }
    : { fact: 'profile', path: 'age', operator: 'equal', value: 1, result: status === 'met', ...(status !== 'unknown' && { factResult: 1 }), ...extra };

const foldConditions = (node: EvaluatedNode) => treeFolder(foldLeaf)(node);

describe('three-valued fold', () => {
  const table: [string, EvaluatedNode, Status][] = [
    ['a true leaf is met', leaf('met'), 'met'],
    ['a false leaf is unmet', leaf('unmet'), 'unmet'],
    ['a leaf on a missing fact is unknown even when the engine says true (notEqual on undefined)', { fact: 'profile', path: 'age', operator: 'notEqual', value: 3, result: true }, 'unknown'],
    ['a leaf the engine skipped is unknown', leaf('skipped'), 'unknown'],
    ['a present but incomplete license is unknown, not unmet', { fact: 'profile', path: 'credentials.licenses', operator: 'hasLicense', value: { types: ['nha'], minYears: 1 }, factResult: [{ type: 'nha', jurisdiction: 'FL', active: true }], result: false }, 'unknown'],
    ['all: met and unknown is unknown', { all: [leaf('met'), leaf('unknown')] }, 'unknown'],
    ['all: unmet beats unknown', { all: [leaf('unknown'), leaf('unmet')] }, 'unmet'],
    ['all: every child met is met', { all: [leaf('met'), leaf('met')] }, 'met'],
    ['any: met beats unknown', { any: [leaf('unknown'), leaf('met')] }, 'met'],
    ['any: unmet and unknown is unknown', { any: [leaf('unmet'), leaf('unknown')] }, 'unknown'],
    ['any: every child unmet is unmet', { any: [leaf('unmet'), leaf('unmet')] }, 'unmet'],
    ['not swaps met to unmet', { not: leaf('met') }, 'unmet'],
    ['not swaps unmet to met', { not: leaf('unmet') }, 'met'],
    ['not keeps unknown', { not: leaf('unknown') }, 'unknown'],
    ['nested: (degree AND hours) OR licensed, with only a degree', { any: [{ all: [leaf('met'), leaf('unknown')] }, leaf('unknown')] }, 'unknown'],
  ];
  for (const [name, node, expected] of table) {
    it(name, () => assert.equal(foldConditions(node).status, expected));
  }
  it('a `not` reads as the answer found, said to be the opposite of what is asked, never as the leaf\'s own unmet wording', async () => {
    const notBachelor = { not: { fact: 'profile' as const, path: 'education.highestDegree', operator: 'equal', value: 'bachelor' } };
    const notHours = { not: { fact: 'profile' as const, path: 'training.aitHours', operator: 'greaterThanInclusive', value: 500 } };
    const read = async (c: typeof notBachelor | typeof notHours, profile: object) => {
      const r = await probeCondition(c, profile);
      return [r.status, r.detail, r.gaps.length];
    };
    assert.deepEqual(await read(notBachelor, { education: { highestDegree: 'bachelor' } }), ['unmet', "Highest completed degree: Bachelor's degree (the rule asks for the opposite).", 0]);
    assert.deepEqual(await read(notBachelor, { education: { highestDegree: 'master' } }), ['met', "Highest completed degree: Master's degree.", 0]);
    assert.deepEqual(await read(notHours, { training: { aitHours: 800 } }), ['unmet', 'Administrator-in-training hours: 800 (the rule asks for the opposite).', 0]);
  });
  it('a `not` explains itself by its leaves with their status flipped: the leaf met inside is what leaves it unmet', () => {
    const folded = foldConditions({ not: leaf('met') });
    assert.deepEqual([folded.status, findingsOf(folded).map((f) => f.status)], ['unmet', ['unmet']]);
  });
});

const fictional: Pick<RuleSet, 'requirements' | 'pathways'> = {
  requirements: [
    bachelorRequirement,
    { id: 'ait', title: '1,000-hour AIT', category: 'training', description: 'Hours.', sources: ['rule-1'], remedy: 'Finish the AIT.',
      conditions: { all: [{ fact: 'profile', path: 'training.aitHours', operator: 'greaterThanInclusive', value: 1000 }] } },
    { id: 'no-felony', title: 'Background', category: 'background', description: 'Cleared.', sources: ['rule-1'], remedy: 'Clear it.',
      conditions: { not: { fact: 'profile', path: 'background.checkCleared', operator: 'equal', value: false } } },
    { id: 'form', title: 'Board form', category: 'application', description: 'A form.', sources: ['rule-1'], remedy: 'File the form.', attestable: true },
    { id: 'licensed', title: 'Licensed elsewhere', category: 'license', description: 'A license.', sources: ['rule-1'], remedy: 'Get licensed.',
      conditions: { all: [{ fact: 'profile', path: 'credentials.licenses', operator: 'hasLicense', value: { types: ['nha'], minYears: 2, excluding: 'DC' } }] } },
    { id: 'secret', title: 'Something the sources do not spell out', category: 'other', description: 'Unclear.', sources: ['rule-1'], remedy: 'Ask.', unverified: 'terms not published' },
  ],
  pathways: [
    { id: 'standard', title: 'Degree and AIT', kind: 'initial', term: 'full', requires: ['degree', 'ait', 'no-felony', 'form'] },
    { id: 'endorsement', title: 'Licensed elsewhere', kind: 'endorsement', term: 'full', requires: ['licensed', 'form'] },
    { id: 'unclear', title: 'Unclear route', kind: 'initial', term: 'full', requires: ['degree', 'secret'] },
  ],
};
const ruleSet = fictionalRuleSet(fictional);
const evaluate = (profile: object) => evaluateProfile(ruleSet, profile);
const statusOf = async (profile: object, id: string) =>
  (await evaluate(profile)).pathways.flatMap((p) => p.requirements).find((r) => r.id === id)!.status;

describe('the engine\'s turns', () => {
  it('runs a batch in one turn, in order, and a run asked for from inside a turn waits for the next one rather than deadlocking', async () => {
    const done: number[] = [];
    let nested: Promise<unknown> | undefined;
    const statuses = await runInTurn(
      [0, 1, 2].map((i) => ({ ruleSet, profile: { training: { aitHours: i * 500 } } })),
      (folded) => folded.map((f) => f.get('ait')!.status),
      (i) => {
        done.push(i);
        nested ??= runRuleSet(ruleSet, {}, (folded) => folded.get('ait')!.status);
      },
    );
    assert.deepEqual(done, [0, 1, 2]);
    assert.deepEqual(statuses, ['unmet', 'unmet', 'met']);
    assert.equal(await nested, 'unknown');
  });

  it('rejects the call whose use of the results throws, and answers the runs queued after it', async () => {
    const failing = runRuleSet(ruleSet, {}, () => {
      throw new Error('the answer could not be made');
    });
    const next = runRuleSet(ruleSet, { training: { aitHours: 1000 } }, (folded) => folded.get('ait')!.status);
    await assert.rejects(failing, /the answer could not be made/);
    assert.equal(await next, 'met');
  });

  it('answers many queued runs in the order asked, and lets the event loop in while they wait', async () => {
    const runs = 2000;
    const finished: number[] = [];
    let finishedWhenLoopRan: number | undefined;
    const all = Array.from({ length: runs }, (_, i) =>
      runRuleSet(ruleSet, { training: { aitHours: i % 2 ? 1000 : 0 } }, (folded) => {
        finished.push(i);
        // Once the queue is running, a timer's callback stands for a new request or an answer to send.
        if (i === 0) setImmediate(() => (finishedWhenLoopRan = finished.length));
        return folded.get('ait')!.status;
      }),
    );
    const statuses = await Promise.all(all);
    assert.deepEqual(finished, Array.from({ length: runs }, (_, i) => i));
    assert.deepEqual(statuses, Array.from({ length: runs }, (_, i) => (i % 2 ? 'met' : 'unmet')));
    assert.ok(finishedWhenLoopRan !== undefined && finishedWhenLoopRan < runs, `the event loop ran only after ${finishedWhenLoopRan} of ${runs} runs`);
  });
});

describe('outcomes', () => {
  it('is eligible when one pathway has every requirement met, and names it best', async () => {
    const e = await evaluate({ education: { highestDegree: 'bachelor' }, training: { aitHours: 1000 }, background: { checkCleared: true }, attestations: { DC: ['form'] } });
    assert.equal(e.outcome, 'eligible');
    assert.equal(e.bestPathway, 'standard');
    assert.deepEqual(e.nextSteps, ['Apply to Example Board: https://example.gov/board']);
  });

  it('needs information when nothing is unmet but something is unknown, and lists the questions', async () => {
    const e = await evaluate({ education: { highestDegree: 'bachelor' }, training: { aitHours: 1200 }, credentials: { licenses: [] } });
    assert.equal(e.outcome, 'needs-information');
    assert.equal(e.bestPathway, 'standard');
    assert.deepEqual(e.missing, ['/background/checkCleared', '/attestations/DC']);
  });

  it('is not eligible when every pathway has an unmet requirement, and says the gap', async () => {
    const e = await evaluate({ education: { highestDegree: 'associate' }, training: { aitHours: 600 }, background: { checkCleared: true }, credentials: { licenses: [] } });
    assert.equal(e.bestPathway, 'standard');
    assert.equal(e.outcome, 'not-eligible');
    const ait = e.pathways[0]!.requirements.find((r) => r.id === 'ait')!;
    assert.equal(ait.status, 'unmet');
    assert.equal(ait.detail, '600 of 1,000 AIT hours — 400 to go.');
    assert.ok(e.nextSteps.includes('1,000-hour AIT (600 of 1,000 AIT hours — 400 to go): Finish the AIT.'), e.nextSteps.join('\n'));
    assert.deepEqual(ait.gaps, [{ field: '/training/aitHours', have: 600, need: 1000, remaining: 400, unit: 'AIT hours' }]);
  });

  it('treats a negative condition on a missing field as unknown, not met', async () => {
    assert.equal(await statusOf({}, 'no-felony'), 'unknown');
    assert.equal(await statusOf({ background: { checkCleared: false } }, 'no-felony'), 'unmet');
    assert.equal(await statusOf({ background: { checkCleared: true } }, 'no-felony'), 'met');
  });

  it('never meets an unverified requirement, whatever the profile', async () => {
    const e = await evaluate({ education: { highestDegree: 'doctorate' } });
    const unclear = e.pathways.find((p) => p.id === 'unclear')!;
    assert.equal(unclear.outcome, 'needs-information');
    assert.equal(unclear.requirements.find((r) => r.id === 'secret')!.verified, false);
  });

  it('meets an attestable requirement only when attested, and leaves it unknown otherwise', async () => {
    assert.equal(await statusOf({ attestations: { DC: ['form'] } }, 'form'), 'met');
    assert.equal(await statusOf({ attestations: { DC: [] } }, 'form'), 'unknown');
    assert.equal(await statusOf({}, 'form'), 'unknown');
  });

  it('asks for what is missing: a listed license\'s status and years, not the licenses question again; one that could never qualify is unmet', async () => {
    const e = await evaluate({ credentials: { licenses: [{ type: 'nha', jurisdiction: 'FL' }] } });
    const licensed = e.pathways.flatMap((p) => p.requirements).find((r) => r.id === 'licensed')!;
    assert.equal(licensed.status, 'unknown');
    assert.deepEqual(licensed.missing, ['/credentials/licenses/0/active', '/credentials/licenses/0/years']);
    assert.equal(licensed.detail, 'Not answered yet: License 1, active and in good standing; License 1, years held.');
    assert.ok(!e.missing.includes('/credentials/licenses'), e.missing.join(' '));
    const tooBrief = await evaluate({ credentials: { licenses: [{ type: 'nha', jurisdiction: 'FL', years: 1 }] } });
    assert.equal(tooBrief.pathways.flatMap((p) => p.requirements).find((r) => r.id === 'licensed')!.status, 'unmet');
    const unanswered = await evaluate({});
    assert.ok(unanswered.missing.includes('/credentials/licenses'));
  });

  it('reads a strict minimum at its bound as not met: "more than 0 needed", not "0 needed"', async () => {
    const strict = fictionalRuleSet({
      requirements: [{ id: 'managed', title: 'Some management experience', category: 'experience', description: 'Any.', sources: ['rule-1'], remedy: 'Manage.',
        conditions: { all: [{ fact: 'profile', path: 'experience.managementMonths', operator: 'greaterThan', value: 0 }] } }],
      pathways: [{ id: 'route', title: 'Route', kind: 'initial', term: 'full', requires: ['managed'] }],
    });
    const none = (await evaluateProfile(strict, { experience: { managementMonths: 0 } })).pathways[0]!.requirements[0]!;
    assert.equal(none.status, 'unmet');
    assert.equal(none.detail, '0 months of management experience; more than 0 needed.');
    assert.deepEqual(none.gaps.map((g) => [g.have, g.need, g.strict]), [[0, 0, true]]);
    const some = (await evaluateProfile(strict, { experience: { managementMonths: 1 } })).pathways[0]!.requirements[0]!;
    assert.deepEqual([some.status, some.gaps], ['met', []]);
  });

  it('ranks an eligible endorsement first over a closer-looking initial route', async () => {
    const e = await evaluate({ credentials: { licenses: [{ type: 'nha', jurisdiction: 'FL', active: true, years: 3 }] }, attestations: { DC: ['form'] } });
    assert.equal(e.outcome, 'eligible');
    assert.equal(e.bestPathway, 'endorsement');
  });

  it('ranks the sooner route first: 400 or 1,000 AIT hours to go beat a bachelor\'s degree still to earn', async () => {
    const tie = fictionalRuleSet({
      requirements: fictional.requirements.filter((r) => ['degree', 'ait'].includes(r.id)),
      pathways: [
        { id: 'degree-route', title: 'Degree', kind: 'initial', term: 'full', requires: ['degree'] },
        { id: 'ait-route', title: 'AIT', kind: 'initial', term: 'full', requires: ['ait'] },
      ],
    });
    const near = await evaluateProfile(tie, { education: { highestDegree: 'associate' }, training: { aitHours: 600 } });
    assert.equal(near.bestPathway, 'ait-route');
    const far = await evaluateProfile(tie, { education: { highestDegree: 'associate' }, training: { aitHours: 0 } });
    assert.equal(far.bestPathway, 'ait-route', '1,000 hours at 40 a week is about 6 months; a bachelor\'s from an associate degree, years');
    const ait = far.pathways.find((p) => p.id === 'ait-route')!.estimate;
    const degree = far.pathways.find((p) => p.id === 'degree-route')!.estimate;
    assert.ok(ait.maxMonths! < degree.minMonths, `${ait.words} against ${degree.words}`);
  });

  it('orders next steps: unmet before unknown, education before the application', async () => {
    const e = await evaluate({ education: { highestDegree: 'associate' }, credentials: { licenses: [] } });
    assert.equal(e.bestPathway, 'standard');
    assert.deepEqual(
      e.nextSteps.map((s) => s.split(':')[0]),
      ["Bachelor's degree", '1,000-hour AIT', 'Background', 'Board form'],
    );
  });

  it('says no-credential only for a rule set that sets nothing', async () => {
    const none = fictionalRuleSet({ credential: 'none', requirements: [], pathways: [] }, 'ala');
    const e = await evaluateProfile(none, {});
    assert.equal(e.outcome, 'no-credential');
    assert.equal(e.bestPathway, null);
  });
});

describe('concurrency', () => {
  it('gives every overlapping evaluation the same result as its sequential twin', async () => {
    const profiles = Array.from({ length: 200 }, (_, i) => ({
      education: { highestDegree: (['associate', 'bachelor', 'master'] as const)[i % 3] },
      training: { aitHours: (i * 37) % 1500 },
      ...(i % 4 ? { background: { checkCleared: i % 5 !== 0 } } : {}),
      credentials: { licenses: i % 7 ? [] : [{ type: 'nha' as const, jurisdiction: 'FL', active: true, years: i % 4 }] },
      ...(i % 2 ? { attestations: { DC: ['form'] } } : {}),
    }));
    const sequential = [];
    for (const p of profiles) sequential.push(await evaluate(p));
    const concurrent = await Promise.all(profiles.map((p) => evaluate(p)));
    assert.deepEqual(concurrent, sequential);
    assert.ok(new Set(sequential.map((e) => e.outcome)).size === 3, 'the profiles exercise all three outcomes');
  });
});
