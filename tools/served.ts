import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/projectRoot';

/**
 * How the app is run, as package.json says: the server bundle `npm start` runs with its V8 flags
 * (config.nodeFlags) and glibc's malloc arenas (config.mallocArenaMax), and the CLI bundle of its bin. The
 * bench, soak, attack and the process tests start them this way.
 */
const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  config: { nodeFlags: string; mallocArenaMax: string };
  bin: Record<string, string>;
};

/** The server bundle `npm run build` writes, relative to the project. */
export const SERVED_APP = 'dist/bundle/server.js';
/** The CLI bundle people run as `ltc-check`, relative to the project. */
export const SERVED_CLI = pkg.bin['ltc-check']!;
export const servedFlags: string[] = pkg.config.nodeFlags.split(' ');
/** The environment `npm start` adds. */
export const servedEnv = { MALLOC_ARENA_MAX: pkg.config.mallocArenaMax };
