import { loadRuleSets, type Catalog } from '../../src/data/loadRuleSets';

/** The real rule data, loaded once for all tests. */
let cached: Catalog | undefined;
export function catalog(): Catalog {
  return (cached ??= loadRuleSets());
}
