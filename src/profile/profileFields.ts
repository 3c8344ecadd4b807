import { schemas } from '../data/schemas';
import { resolveLocal, resolveLocalDeep } from '../data/schemaRefs';
import { pointerOf } from '../words';

/**
 * The profile's fields, read from rules/schema/profile.schema.json so that the form, the CSV columns, the gap
 * wording and the "questions that would settle it" always match what the API accepts. A field's kind follows
 * the shape of its schema, never its name: a field added to the schema is asked, read and worded as its
 * shape says, without code changes.
 */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  'x-unit'?: string;
  'x-labels'?: Record<string, string>;
  /** What one item of a list field is called ("License"), for labels such as "License 2, years held". */
  'x-item'?: string;
};

export type ProfileSchema = JsonSchema & { $defs?: Record<string, JsonSchema> };

/** Values of this definition are jurisdiction codes, which pages name by the rule data's names ("Texas"). */
const JURISDICTION_CODE = '#/$defs/jurisdictionCode';

/**
 * - `choice`: one of an enum; `choiceList`: a list whose entries are one of an enum each (state exams passed);
 * - `textList`: a list of free text entries;
 * - `rows`: a list of objects, asked as repeatable rows with one input per property of an item (licenses);
 * - `keyedLists`: lists keyed by jurisdiction (`patternProperties`): the items a person confirms are done.
 */
export type FieldKind = 'integer' | 'number' | 'boolean' | 'choice' | 'choiceList' | 'textList' | 'rows' | 'keyedLists';

export interface ProfileField {
  /** JSON pointer, e.g. /training/aitHours. */
  pointer: string;
  /** Dot path, e.g. training.aitHours: also the form field's name. A row's part has its key here ("years"). */
  path: string;
  title: string;
  description?: string;
  kind: FieldKind;
  unit?: string;
  minimum?: number;
  maximum?: number;
  /** The choices of a `choice`, or of each entry of a `choiceList`. */
  options?: { value: string; label: string }[];
  /** The values are jurisdiction codes, which pages name by the rule data's names where they have them. */
  jurisdictions?: boolean;
  /** The most entries a list takes. */
  maxItems?: number;
  /** A `rows` field: what one item is called ("License"), and one field per property of an item. */
  itemTitle?: string;
  parts?: ProfileField[];
}

export interface FieldGroup {
  key: string;
  title: string;
  fields: ProfileField[];
}

/** The fields of one profile schema and the look-ups every page, the CLI and the wording make on them. */
export interface FieldModel {
  groups: FieldGroup[];
  fields: ProfileField[];
  /** A profile field by JSON pointer; a key of a `keyedLists` field (`/attestations/TX`) maps to that field. */
  fieldAt(pointer: string): ProfileField | undefined;
  /**
   * The schema of the profile value at a dot path (`attestations.TX` included), with its references resolved
   * so it can be compiled on its own; undefined if the profile has no such field.
   */
  fieldSchemaAt(dotPath: string): JsonSchema | undefined;
  /**
   * A profile field's label by JSON pointer, including one part of one item of a list ("License 2, years
   * held"): the words every page, the CLI and the form errors use for it.
   */
  fieldLabel(pointer: string): string;
  /**
   * A value of the field at a pointer in words: a choice's label, or one entry of a list (`/exams/stateExams`,
   * `TX`): jurisdiction codes by name when `jurisdictionName` knows it, else the schema's x-labels, else the value.
   */
  itemLabel(pointer: string, value: string, jurisdictionName?: (code: string) => string | undefined): string;
}

/** Throws for a shape no input can ask: the schema and the form must not drift apart silently. */
function kindOf(schema: JsonSchema, item: JsonSchema | undefined, path: string): FieldKind {
  if (schema.type === 'array' && item) {
    if (item.enum) return 'choiceList';
    if (item.type === 'object' && item.properties) return 'rows';
    if (item.type === 'string') return 'textList';
  } else if (schema.type === 'object' && !schema.properties && schema.patternProperties) {
    if (Object.values(schema.patternProperties).every((s) => s.type === 'array')) return 'keyedLists';
  } else if (schema.enum) return 'choice';
  else if (schema.type === 'integer' || schema.type === 'number' || schema.type === 'boolean') return schema.type;
  throw new Error(`The form cannot show profile field ${path} of type ${String(schema.type)}`);
}

export function fieldModel(root: ProfileSchema): FieldModel {
  function toField(path: string, raw: JsonSchema): ProfileField {
    const schema = resolveLocal(raw, root);
    const item = schema.items && resolveLocal(schema.items, root);
    const kind = kindOf(schema, item, path);
    // A list's choices are its entries'; which values are jurisdiction codes shows before resolving.
    const valued = kind === 'choiceList' ? item! : schema;
    const labels = valued['x-labels'] ?? {};
    return {
      pointer: pointerOf(path),
      path,
      title: schema.title ?? path,
      description: schema.description,
      kind,
      unit: schema['x-unit'],
      minimum: schema.minimum,
      maximum: schema.maximum,
      options: valued.enum?.map((v) => ({ value: String(v), label: labels[String(v)] ?? String(v) })),
      ...((kind === 'choiceList' ? schema.items : raw)?.$ref === JURISDICTION_CODE && { jurisdictions: true }),
      maxItems: schema.maxItems,
      ...(kind === 'rows' && { itemTitle: item!['x-item'] ?? schema.title ?? path, parts: Object.entries(item!.properties!).map(([key, s]) => toField(key, s)) }),
    };
  }

  const groups: FieldGroup[] = [{ key: 'about', title: 'About you', fields: [] }];
  for (const [key, raw] of Object.entries(root.properties ?? {})) {
    const schema = resolveLocal(raw, root);
    if (schema.type === 'object' && schema.properties) {
      groups.push({ key, title: schema.title ?? key, fields: Object.entries(schema.properties).map(([child, s]) => toField(`${key}.${child}`, s)) });
    } else {
      const field = toField(key, raw);
      if (field.kind === 'keyedLists') groups.push({ key, title: field.title, fields: [field] });
      else groups[0]!.fields.push(field);
    }
  }
  const fields = groups.flatMap((g) => g.fields);
  const byPointer = new Map(fields.map((f) => [f.pointer, f]));

  const fieldAt = (pointer: string): ProfileField | undefined => {
    const keyed = byPointer.get(pointer.slice(0, pointer.lastIndexOf('/')));
    return byPointer.get(pointer) ?? (keyed?.kind === 'keyedLists' ? keyed : undefined);
  };

  /** One part of one row: `/credentials/licenses/1/years` as the rows field, the item's index and the part. */
  const rowPartAt = (pointer: string) => {
    const part = /^(\/.+)\/(\d+)\/([^/]+)$/.exec(pointer);
    const rows = part ? byPointer.get(part[1]!) : undefined;
    // The part's name comes from a pointer, which may carry a client's key: only the item's own parts count.
    const field = rows?.parts?.find((p) => p.path === part![3]);
    return field && { rows: rows!, index: Number(part![2]), field };
  };

  return {
    groups,
    fields,
    fieldAt,
    fieldSchemaAt(dotPath) {
      let node: JsonSchema | undefined = root;
      for (const key of dotPath.split('.')) {
        if (!node) return undefined;
        const props: Record<string, JsonSchema> = node.properties ?? {};
        const patterns: Record<string, JsonSchema> = node.patternProperties ?? {};
        const own: JsonSchema | undefined = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined;
        const byPattern = Object.entries(patterns).find(([re]) => new RegExp(re).test(key))?.[1];
        const next: JsonSchema | undefined = own ?? byPattern;
        node = next ? resolveLocal(next, root) : undefined;
      }
      return node && resolveLocalDeep(node, root);
    },
    fieldLabel(pointer) {
      const field = fieldAt(pointer);
      if (field) return field.title;
      const part = rowPartAt(pointer);
      if (!part) return pointer;
      const title = part.field.title;
      return `${part.rows.itemTitle} ${part.index + 1}, ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
    },
    itemLabel(pointer, value, jurisdictionName) {
      // A part of a row names its values too: `/credentials/licenses/0/jurisdiction`.
      const field = fieldAt(pointer) ?? rowPartAt(pointer)?.field;
      return (field && choicesOf(field, jurisdictionName).find((o) => o.value === value)?.label) ?? value;
    },
  };
}

/**
 * A field's choices in words: jurisdiction codes by the names `jurisdictionName` gives (the rule data's),
 * other values by the schema's x-labels, else as they are.
 */
export function choicesOf(field: ProfileField, jurisdictionName?: (code: string) => string | undefined): { value: string; label: string }[] {
  const options = field.options ?? [];
  if (!field.jurisdictions || !jurisdictionName) return options;
  return options.map((o) => ({ value: o.value, label: jurisdictionName(o.value) ?? o.label }));
}

const profileSchema = schemas['profile.schema.json'] as ProfileSchema;

/** The applicant profile's fields, from rules/schema/profile.schema.json. */
export const profileModel: FieldModel = fieldModel(profileSchema);
export const { groups: fieldGroups, fieldAt, fieldSchemaAt, fieldLabel, itemLabel } = profileModel;

export const jurisdictionCodes: string[] = (profileSchema.$defs?.jurisdictionCode?.enum ?? []).map(String);
