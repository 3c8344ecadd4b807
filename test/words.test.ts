import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatNumber } from '../src/words';
import { isoDay } from '../src/data/staleness';

describe('formatNumber', () => {
  it('writes numbers as Intl does for en-US (commas, at most N decimals, no trailing zeros)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 2 }), (n, digits) => {
        assert.equal(formatNumber(n, digits), new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(n));
      }),
      { numRuns: 2000 },
    );
  });
  it('reads as a person expects on the figures the pages show', () => {
    assert.deepEqual([formatNumber(1560), formatNumber(9.6), formatNumber(0.25, 2), formatNumber(173.333), formatNumber(2.3999999999999986, 2)], ['1,560', '9.6', '0.25', '173.3', '2.4']);
  });
});

describe('isoDay', () => {
  const realNow = Date.now;
  afterEach(() => {
    Date.now = realNow;
  });
  it("writes today's date in UTC, and the next day's from midnight UTC on", () => {
    Date.now = () => Date.parse('2031-03-04T23:59:59.999Z');
    assert.equal(isoDay(), '2031-03-04');
    Date.now = () => Date.parse('2031-03-05T00:00:00.000Z');
    assert.equal(isoDay(), '2031-03-05');
    assert.equal(isoDay(new Date('2030-12-31T12:00:00Z')), '2030-12-31');
  });
});
