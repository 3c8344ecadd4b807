/**
 * A function of an object that does not change (a rule set, a pathway, a catalog), worked out once per
 * object and shared: what is built from rule data alone is never built again per request. Callers never
 * change what it returns.
 */
export function memo<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = build(key)));
    return value;
  };
}
