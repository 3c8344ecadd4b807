/**
 * Writing by a key or dot path that came from a client (a form input's name or value, a CSV column, a
 * request) without ever reaching a prototype. A plain `node[key] = value` walk follows `__proto__`,
 * `constructor.prototype` and inherited properties (`toString.x` lands on the shared function), so one
 * request could change every object in the process (issue 8). Here those three names are refused, only own
 * properties are walked, values are defined (no inherited setter runs), and new objects have no prototype.
 */

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a key may name a property of an object built from input. */
export const isSafeKey = (key: string): boolean => key !== '' && !FORBIDDEN.has(key);

/** A fresh object with no prototype: nothing inherited to read, and no `__proto__` setter to trigger. */
export const emptyRecord = <T = unknown>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** Defines an own data property: unlike assignment, this never runs a setter found up the prototype chain. */
function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Copies the entries whose keys are safe onto a null-prototype object (a parsed form, a CSV row). */
export function safeRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = emptyRecord<T>();
  for (const [key, value] of entries) if (isSafeKey(key)) defineOwn(out, key, value);
  return out;
}

/**
 * Sets `value` at a dot path under `target`, creating null-prototype objects on the way. Returns false, and
 * changes nothing, when a segment is refused or an existing own value on the way is not an object.
 */
export function setPath(target: Record<string, unknown>, dotPath: string, value: unknown): boolean {
  const keys = dotPath.split('.');
  if (!keys.every(isSafeKey)) return false;
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    if (!Object.hasOwn(node, key)) defineOwn(node, key, emptyRecord());
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) return false;
    node = next as Record<string, unknown>;
  }
  defineOwn(node, keys.at(-1)!, value);
  return true;
}

/** The value at a dot path under `source`, read through own properties only: no name finds an inherited value. */
export function getPath(source: unknown, dotPath: string): unknown {
  let node = source;
  for (const key of dotPath.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
