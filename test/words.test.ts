import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatNumber } from '../src/words';

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
