/**
 * Watches the shared objects a prototype-polluting write lands on (issue 8), so a test can tell whether a
 * request changed them, and put them back: a polluted prototype would otherwise break every later test in
 * the process, and make fast-check shrink to a harmless counterexample.
 */
const WATCHED: Record<string, object> = {
  'Object.prototype': Object.prototype,
  'Array.prototype': Array.prototype,
  'Function.prototype': Function.prototype,
  'Object.prototype.toString': Object.prototype.toString,
};

const ownKeys = () => Object.fromEntries(Object.entries(WATCHED).map(([name, o]) => [name, Reflect.ownKeys(o)]));

/** What each own property holds: an overwritten member (hasOwnProperty replaced, say) is a change too. */
const held = (o: object, key: PropertyKey) => {
  const d = Reflect.getOwnPropertyDescriptor(o, key);
  return [d?.value, d?.get, d?.set];
};

export function watchPrototypes() {
  const before = ownKeys();
  const values = Object.fromEntries(Object.entries(WATCHED).map(([name, o]) => [name, new Map(Reflect.ownKeys(o).map((k) => [k, held(o, k)]))]));
  return {
    /** Each own property added, removed or overwritten since the watch began, e.g. "Object.prototype.pwned added". */
    changes(): string[] {
      const now = ownKeys();
      return Object.keys(WATCHED).flatMap((name) => [
        ...now[name]!.filter((k) => !before[name]!.includes(k)).map((k) => `${name}.${String(k)} added`),
        ...before[name]!.filter((k) => !now[name]!.includes(k)).map((k) => `${name}.${String(k)} removed`),
        ...before[name]!
          .filter((k) => now[name]!.includes(k) && held(WATCHED[name]!, k).some((v, i) => v !== values[name]!.get(k)![i]))
          .map((k) => `${name}.${String(k)} overwritten`),
      ]);
    },
    /** Deletes what was added since the watch began. */
    restore(): void {
      for (const [name, o] of Object.entries(WATCHED)) {
        for (const key of Reflect.ownKeys(o)) if (!before[name]!.includes(key)) delete (o as Record<PropertyKey, unknown>)[key];
      }
    },
  };
}
