import assert from 'node:assert/strict';
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { projectRoot } from '../src/projectRoot';

/**
 * How the code hangs together, read from its imports (dpdm, with the TypeScript compiler's parser). No
 * module reaches itself through others: with a cycle, which module loads first decides whether a value is
 * there yet. Type-only imports count too: a cycle of types is a cycle of meaning. And production code (src/)
 * never depends on the tests or the repository's tools.
 */
let graph: ReturnType<typeof parseDependencyTree> | undefined;
const importGraph = () =>
  // Files are named relative to the project root, e.g. src/web/server.ts.
  (graph ??= parseDependencyTree(['src/**/*.ts', 'tools/**/*.ts'], { context: projectRoot, cwd: projectRoot, tsconfig: path.join(projectRoot, 'tsconfig.json'), transform: false }));

describe('architecture', function () {
  this.timeout(30000);

  it('has no import cycles in src/ or tools/, type-only imports included', async () => {
    const imports = await importGraph();
    assert.ok(imports['src/web/server.ts']?.some((d) => d.id === 'src/web/createApp.ts'), 'the graph holds the server and what it imports');
    assert.deepEqual(parseCircular(imports).map((cycle) => cycle.join(' → ')), []);
  });

  it('keeps production code (src/) free of imports from tools/ and test/', async () => {
    const outside = Object.entries(await importGraph())
      .filter(([file]) => file.startsWith('src/'))
      .flatMap(([file, deps]) => (deps ?? []).filter((d) => /^(tools|test)\//.test(d.id ?? '')).map((d) => `${file} imports ${d.id}`));
    assert.deepEqual(outside, []);
  });
});
