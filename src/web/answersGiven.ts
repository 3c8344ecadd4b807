import type { LoadedRuleSet } from '../data/loadRuleSets';
import { fieldAt, fieldLabel, licenseTypeLabels } from '../profile/profileFields';
import { flatFromProfile, listOf, NO_LICENSES } from '../profile/flatProfile';
import { pointerOf } from '../words';

/** The words a person sees for an input: its field's title, or "License 2, type" inside a license row. */
export function inputLabel(name: string): string {
  return fieldLabel(pointerOf(name));
}

/** An answer in the words the form showed it: the option's label, "Yes"/"No", a confirmed item's title, states by name. */
function answerWords(name: string, value: string, ruleSet: LoadedRuleSet, stateName: (code: string) => string | undefined): string {
  if (name === 'attestations') return ruleSet.requirements.find((r) => r.id === value)?.title ?? value;
  if (/^credentials\.licenses\.\d+\.type$/.test(name)) return licenseTypeLabels.get(value) ?? value;
  if (/^credentials\.licenses\.\d+\.jurisdiction$/.test(name)) return stateName(value) ?? value;
  if (fieldAt(pointerOf(name))?.kind === 'jurisdictions') return value.split(/,\s*/).map((c) => stateName(c) ?? c).join(', ');
  if (value === 'yes' || value === 'no') return value === 'yes' ? 'Yes' : 'No';
  return fieldAt(pointerOf(name))?.options?.find((o) => o.value === value)?.label ?? value;
}

/**
 * The answers a checklist rests on, as label and value, for the printed record: an advisor's file shows
 * what the client said, not only what the rules made of it. Read from the checked profile, never the raw post.
 */
export function answersGiven(profile: Record<string, unknown>, ruleSet: LoadedRuleSet, stateName: (code: string) => string | undefined): { label: string; value: string }[] {
  return Object.entries(flatFromProfile(profile)).flatMap(([name, v]) =>
    name === NO_LICENSES
      ? [{ label: 'Licenses held', value: 'None' }]
      : listOf(v).map((value) => ({ label: name === 'attestations' ? 'Confirmed as done' : inputLabel(name), value: answerWords(name, value, ruleSet, stateName) })),
  );
}
