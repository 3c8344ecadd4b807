import type { Finding } from '../engine/conditionTree';
import { operatorNamed } from '../engine/operators';
import { missingPointers } from '../engine/operators/wordingParts';

/** A finding in words, as its operator words it for the finding's status. */
export function describeFinding(f: Finding): string {
  const op = operatorNamed(f.operator);
  // The loader refuses unknown operators, so this is only ever a safety net.
  if (!op) return `${f.path}: ${String(f.factResult)}`;
  if (!f.negated || f.status === 'unknown') return op.wording[f.status](f);
  // Under a `not`, the answer is worded as found ("Highest completed degree: Bachelor's degree"), and where
  // that is what leaves the `not` unmet, said to be the opposite of what the rule asks.
  return f.status === 'unmet' ? `${op.wording.met(f)} (the rule asks for the opposite)` : op.wording.met(f);
}

/**
 * The pointers of what an unknown finding still waits for: the field when it is not answered, or, when it is
 * answered but incomplete, the parts its operator says are missing (a listed license's status or years).
 */
export const missingOf = (f: Finding): string[] => missingPointers(f, operatorNamed(f.operator)?.missingParts);

export { questionTitles } from '../engine/operators/wordingParts';
