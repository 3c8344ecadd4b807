/**
 * Limits on the shape of a parsed JSON body, checked before schema validation: the schemas bound each
 * known field, but a hostile body (deeply nested or huge arrays under unknown keys) must be refused before
 * any recursive code walks it. The walk is iterative, so no nesting depth can overflow the stack.
 */
export const JSON_LIMITS = { maxDepth: 16, maxArrayLength: 1000, maxKeys: 10000 } as const;

/** Why the body breaks the limits, or undefined when it keeps to them. */
export function jsonLimitBreach(body: unknown, limits = JSON_LIMITS): string | undefined {
  const stack: [unknown, number][] = [[body, 1]];
  let keys = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxDepth) return `nests deeper than ${limits.maxDepth} levels`;
    const children = Array.isArray(value) ? value : Object.values(value);
    if (Array.isArray(value) && value.length > limits.maxArrayLength) return `has an array longer than ${limits.maxArrayLength} items`;
    keys += children.length;
    if (keys > limits.maxKeys) return `has more than ${limits.maxKeys} values in all`;
    for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}
