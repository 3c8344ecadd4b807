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

export function watchPrototypes() {
  const before = ownKeys();
  return {
    /** Each own property added or removed since the watch began, e.g. "Object.prototype.pwned added". */
    changes(): string[] {
      const now = ownKeys();
      return Object.keys(WATCHED).flatMap((name) => [
        ...now[name]!.filter((k) => !before[name]!.includes(k)).map((k) => `${name}.${String(k)} added`),
        ...before[name]!.filter((k) => !now[name]!.includes(k)).map((k) => `${name}.${String(k)} removed`),
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
