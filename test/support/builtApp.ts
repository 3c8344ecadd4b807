import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/projectRoot';

/**
 * The commands people run, as built: the bundles `npm run build` writes to dist/bundle/. `npm test` and
 * `npm run test:one` build first, so what is tested is the code checked out.
 */
const { config } = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { config: { nodeFlags: string; mallocArenaMax: string } };

/** `npm start`: the server bundle with package.json's V8 flags, run with `servedEnv` (its malloc arenas). */
export const servedCommand: string[] = [...config.nodeFlags.split(' '), path.join(projectRoot, 'dist', 'bundle', 'server.js')];
export const servedEnv = { MALLOC_ARENA_MAX: config.mallocArenaMax };

/** `ltc-check`: the CLI bundle (package.json's bin). */
export const cliCommand: string[] = [path.join(projectRoot, 'dist', 'bundle', 'ltc-check.js')];
