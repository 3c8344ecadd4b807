/**
 * json-rules-engine's default JSONPath lookup was measured at about half of a run (`npm run bench` shows the engine's cost);
 * rule data only ever uses plain dot paths, so a plain walk does the same job.
 */
export function resolveDotPath(value: unknown, path: string): unknown {
  let node: unknown = value;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
