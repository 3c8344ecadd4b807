/**
 * json-rules-engine's default JSONPath lookup was measured at about half of a run (`npm run bench` shows the engine's cost);
 * rule data only ever uses plain dot paths, so a plain walk does the same job.
 */
export function resolveDotPath(value: unknown, path: string): unknown {
  let node: unknown = value;
  for (const key of keysOf(path)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Each path's keys, split once: paths come from rule data alone (a few hundred), never from a request. */
const splitPaths = new Map<string, string[]>();
function keysOf(path: string): string[] {
  let keys = splitPaths.get(path);
  if (keys === undefined) splitPaths.set(path, (keys = path.split('.')));
  return keys;
}
