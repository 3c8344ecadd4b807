/**
 * The one reading of `$ref` in rules/schema/ outside ajv: a reference's file and JSON pointer, the value a
 * pointer names (RFC 6901), and a local reference replaced by its target. The form's fields, the OpenAPI
 * document and the tests' profile generator all read references through these.
 */

/** A schema node, as far as references and the keywords that hold subschemas go. */
export interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/** A `$ref` as the schema file it names ('' for the same file) and the JSON pointer after its `#`. */
export function splitRef(ref: string): { file: string; pointer: string } {
  const [file = '', pointer = ''] = ref.split('#');
  return { file, pointer };
}

/** The value at a JSON pointer ("/$defs/date") in a document; undefined where there is none. */
export function atPointer(doc: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined), doc);
}

/**
 * The node with its local reference (`#/…`, into `root`) replaced by the target, the node's own keywords
 * kept on top; a node without one as it is. A reference that names nothing in `root` throws.
 */
export function resolveLocal<T extends SchemaNode>(node: T, root: object): T {
  if (!node.$ref?.startsWith('#/')) return node;
  const target = atPointer(root, splitRef(node.$ref).pointer) as T | undefined;
  if (!target || typeof target !== 'object') throw new Error(`Unresolved $ref ${node.$ref}`);
  const { $ref: _ref, ...own } = node;
  return { ...resolveLocal(target, root), ...own };
}

/** The same through every subschema (properties, patternProperties, items), so the result stands on its own. */
export function resolveLocalDeep<T extends SchemaNode>(node: T, root: object): T {
  const out = resolveLocal(node, root);
  const each = (o?: Record<string, SchemaNode>) => o && Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolveLocalDeep(v, root)]));
  return {
    ...out,
    ...(out.properties && { properties: each(out.properties) }),
    ...(out.patternProperties && { patternProperties: each(out.patternProperties) }),
    ...(out.items && { items: resolveLocalDeep(out.items, root) }),
  };
}
