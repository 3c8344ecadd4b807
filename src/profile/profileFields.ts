import { schemas } from '../data/schemas';
import { pointerOf } from '../words';

/**
 * The profile's fields, read from rules/schema/profile.schema.json so that the form, the gap wording and
 * the "questions that would settle it" always match what the API accepts.
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

const profileSchema = schemas['profile.schema.json'] as JsonSchema & { $defs: Record<string, JsonSchema> };

/** Resolves a local `#/$defs/x` reference, keeping the referring node's own keywords on top. */
function resolve(node: JsonSchema): JsonSchema {
  if (!node.$ref?.startsWith('#/$defs/')) return node;
  const target = profileSchema.$defs[node.$ref.slice('#/$defs/'.length)];
  if (!target) throw new Error(`Unresolved ${node.$ref} in the profile schema`);
  const { $ref: _ref, ...own } = node;
  return { ...resolve(target), ...own };
}

function resolveDeep(node: JsonSchema): JsonSchema {
  const out = resolve(node);
  const mapValues = (o?: Record<string, JsonSchema>) =>
    o && Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolveDeep(v)]));
  return {
    ...out,
    ...(out.properties && { properties: mapValues(out.properties) }),
    ...(out.patternProperties && { patternProperties: mapValues(out.patternProperties) }),
    ...(out.items && { items: resolveDeep(out.items) }),
  };
}

/**
 * The schema of the profile value at a dot path (`attestations.TX` included), with its references resolved
 * so it can be compiled on its own; undefined if the profile has no such field.
 */
export function fieldSchemaAt(dotPath: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = profileSchema;
  for (const key of dotPath.split('.')) {
    if (!node) return undefined;
    const props: Record<string, JsonSchema> = node.properties ?? {};
    const patterns: Record<string, JsonSchema> = node.patternProperties ?? {};
    const own: JsonSchema | undefined = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined;
    const byPattern = Object.entries(patterns).find(([re]) => new RegExp(re).test(key))?.[1];
    const next: JsonSchema | undefined = own ?? byPattern;
    node = next ? resolve(next) : undefined;
  }
  return node && resolveDeep(node);
}

export type FieldKind = 'integer' | 'number' | 'boolean' | 'choice' | 'jurisdictions' | 'licenses' | 'attestations';

export interface ProfileField {
  /** JSON pointer, e.g. /training/aitHours. */
  pointer: string;
  /** Dot path, e.g. training.aitHours: also the form field's name. */
  path: string;
  title: string;
  description?: string;
  kind: FieldKind;
  unit?: string;
  minimum?: number;
  maximum?: number;
  options?: { value: string; label: string }[];
}

export interface FieldGroup {
  key: string;
  title: string;
  fields: ProfileField[];
}

function kindOf(schema: JsonSchema, path: string): FieldKind {
  if (path === 'credentials.licenses') return 'licenses';
  if (path === 'attestations') return 'attestations';
  if (schema.type === 'array') return 'jurisdictions';
  if (schema.enum) return 'choice';
  if (schema.type === 'integer' || schema.type === 'number' || schema.type === 'boolean') return schema.type;
  throw new Error(`The form cannot show profile field ${path} of type ${String(schema.type)}`);
}

function toField(path: string, raw: JsonSchema): ProfileField {
  const schema = resolve(raw);
  const labels = schema['x-labels'] ?? {};
  return {
    pointer: pointerOf(path),
    path,
    title: schema.title ?? path,
    description: schema.description,
    kind: kindOf(schema, path),
    unit: schema['x-unit'],
    minimum: schema.minimum,
    maximum: schema.maximum,
    options: schema.enum?.map((v) => ({ value: String(v), label: labels[String(v)] ?? String(v) })),
  };
}

function buildGroups(): FieldGroup[] {
  const groups: FieldGroup[] = [{ key: 'about', title: 'About you', fields: [] }];
  for (const [key, raw] of Object.entries(profileSchema.properties ?? {})) {
    const schema = resolve(raw);
    if (schema.type === 'object' && schema.properties) {
      groups.push({
        key,
        title: schema.title ?? key,
        fields: Object.entries(schema.properties).map(([child, s]) => toField(`${key}.${child}`, s)),
      });
    } else {
      const field = toField(key, raw);
      if (field.kind === 'attestations') groups.push({ key, title: field.title, fields: [field] });
      else groups[0]!.fields.push(field);
    }
  }
  return groups;
}

export const fieldGroups: FieldGroup[] = buildGroups();
const byPointer = new Map(fieldGroups.flatMap((g) => g.fields).map((f) => [f.pointer, f]));

/** A profile field by JSON pointer; `/attestations/TX` maps to the attestations field. */
export function fieldAt(pointer: string): ProfileField | undefined {
  return byPointer.get(pointer) ?? (pointer.startsWith('/attestations/') ? byPointer.get('/attestations') : undefined);
}

export const jurisdictionCodes: string[] = (profileSchema.$defs.jurisdictionCode?.enum ?? []).map(String);

/** Kinds of license a person may hold, by value, with the words the profile schema gives them. */
export const licenseTypeLabels: ReadonlyMap<string, string> = new Map(Object.entries(fieldSchemaAt('credentials.licenses')?.items?.properties?.type?.['x-labels'] ?? {}));

/**
 * A profile field's label by JSON pointer, including one part of one item of a list ("License 2, years
 * held"): the words every page, the CLI and the form errors use for it.
 */
export function fieldLabel(pointer: string): string {
  const field = fieldAt(pointer);
  if (field) return field.title;
  const part = /^(\/.+)\/(\d+)\/([A-Za-z]+)$/.exec(pointer);
  const list = part && fieldAt(part[1]!);
  const item = list && fieldSchemaAt(list.path)?.items;
  // The part's name comes from a pointer, which may carry a client's key: only the item's own properties count.
  const title = item?.properties && Object.hasOwn(item.properties, part![3]!) ? item.properties[part![3]!]!.title : undefined;
  if (!title) return pointer;
  return `${item!['x-item'] ?? list!.title} ${Number(part![2]) + 1}, ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
}
