import type { Finding } from '../engine/conditionTree';
import { operatorNamed } from '../engine/operators';
import { missingPointers } from '../engine/operators/wordingParts';
import { fieldLabel } from '../profile/profileFields';

/** A finding in words, as its operator words it for the finding's status. */
export function describeFinding(f: Finding): string {
  const op = operatorNamed(f.operator);
  // The loader refuses unknown operators, so this is only ever a safety net.
  return op ? op.wording[f.status](f) : `${f.path}: ${String(f.factResult)}`;
}

/**
 * The pointers of what an unknown finding still waits for: the field when it is not answered, or, when it is
 * answered but incomplete, the parts its operator says are missing (a listed license's status or years).
 */
export const missingOf = (f: Finding): string[] => missingPointers(f, operatorNamed(f.operator)?.missingParts);

/** The profile questions behind pointers, by their titles ("License 1, active and in good standing"). */
export const questionTitles = (pointers: string[]): string[] => pointers.map(fieldLabel);
