import path from 'node:path';
import { projectRoot } from '../../src/projectRoot';
import { SERVED_APP, SERVED_CLI, servedEnv, servedFlags } from '../../tools/served';

/**
 * The commands people run, as built: the bundles `npm run build` writes to dist/bundle/. `npm test` and
 * `npm run test:one` build first, so what is tested is the code checked out.
 */

/** `npm start`: the server bundle with package.json's V8 flags, run with `servedEnv` (its malloc arenas). */
export const servedCommand: string[] = [...servedFlags, path.join(projectRoot, SERVED_APP)];
export { servedEnv };

/** `ltc-check`: the CLI bundle (package.json's bin). */
export const cliCommand: string[] = [path.join(projectRoot, SERVED_CLI)];
