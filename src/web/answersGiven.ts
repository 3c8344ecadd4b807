import type { LoadedRuleSet } from '../data/loadRuleSets';
import { choicesOf, profileModel, type FieldModel, type ProfileField } from '../profile/profileFields';
import { getPath } from '../profile/safePath';
import { pointerOf } from '../words';

/** The words a person sees for an input: its field's title, or "License 2, years held" for one part of one row of a list. */
export function inputLabel(name: string, model: FieldModel = profileModel): string {
  return model.fieldLabel(pointerOf(name));
}

type Answer = { label: string; value: string };

/**
 * The answers a checklist rests on, as label and value, for the printed record: an advisor's file shows
 * what the client said, not only what the rules made of it. Read from the checked profile, never the raw
 * post, in the words the form showed them: an option's label, "Yes"/"No", states by name, a confirmed item's
 * title, the entries of a list, and "None" for a list answered empty.
 */
export function answersGiven(profile: Record<string, unknown>, ruleSet: LoadedRuleSet, stateName: (code: string) => string | undefined, model: FieldModel = profileModel): Answer[] {
  const words = (field: ProfileField, value: unknown) =>
    typeof value === 'boolean' ? (value ? 'Yes' : 'No') : (choicesOf(field, stateName).find((o) => o.value === value)?.label ?? String(value));
  return model.fields.flatMap((field): Answer[] => {
    const value = getPath(profile, field.path);
    if (value === undefined) return [];
    switch (field.kind) {
      case 'choiceList':
      case 'textList':
        return Array.isArray(value) ? [{ label: field.title, value: value.length ? value.map((v) => words(field, v)).join(', ') : 'None' }] : [];
      case 'rows':
        if (!Array.isArray(value)) return [];
        if (value.length === 0) return [{ label: field.title, value: 'None' }];
        return value.flatMap((item, i) =>
          (field.parts ?? []).flatMap((part) => {
            const v = getPath(item, part.path);
            return v === undefined ? [] : [{ label: model.fieldLabel(`${field.pointer}/${i}/${part.path}`), value: words(part, v) }];
          }),
        );
      case 'keyedLists': {
        const ids = value && typeof value === 'object' ? Object.values(value).flat() : [];
        return ids.map((id) => ({ label: 'Confirmed as done', value: ruleSet.requirements.find((r) => r.id === id)?.title ?? String(id) }));
      }
      default:
        return [{ label: field.title, value: words(field, value) }];
    }
  });
}
