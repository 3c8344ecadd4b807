import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { servedEnv, servedFlags } from '../tools/served';

/** What the benchmark and the soak share: starting servers on one CPU, driving them from another, reading RSS. */

export const projectRoot = path.resolve(__dirname, '..');

export { SERVED_APP } from '../tools/served';
const hasTaskset = !spawnSync('taskset', ['--version']).error;

/** Keeps this process (the load generator) on CPU 1 and servers on CPU 0, so they do not share a core. */
export function pinSelf(): void {
  if (hasTaskset) spawnSync('taskset', ['-cp', '1', String(process.pid)]);
}

export interface Server {
  child: ChildProcess;
  port: number;
  /** Milliseconds from spawn to the first 200 on the ready path. */
  startMs: number;
  stop(): Promise<void>;
}

function get(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
  });
}

export interface StartOptions {
  /** The child as soon as it is spawned, so a caller can kill it even if it never becomes ready. */
  onSpawn?: (child: ChildProcess) => void;
  /** Every whole line of the server's standard output as it arrives, from the first one on. */
  onLine?: (line: string) => void;
  /** Node's own options, before the script. */
  nodeArgs?: readonly string[];
}

/** Spawns `node [nodeArgs] <script>` (pinned to CPU 0) and waits for its first 200 on `readyPath`. */
export async function startServer(script: string, readyPath: string, env: Record<string, string> = {}, options: StartOptions = {}): Promise<Server> {
  const started = process.hrtime.bigint();
  const args = [process.execPath, ...(options.nodeArgs ?? []), path.join(projectRoot, script)];
  const child = spawn(hasTaskset ? 'taskset' : args[0]!, hasTaskset ? ['-c', '0', ...args] : args.slice(1), {
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  options.onSpawn?.(child);
  const port = await new Promise<number>((resolve, reject) => {
    // Whole lines: a pipe may hand a log line over in two pieces.
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      options.onLine?.(line);
      const m = /localhost:(\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
  while ((await get(port, readyPath)) !== 200) await new Promise((r) => setTimeout(r, 2));
  const startMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    child,
    port,
    startMs,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * startServer, run as `npm start` runs the app: package.json's V8 flags on node's command line (NODE_OPTIONS
 * refuses some of them; a cluster's workers inherit them from there) and its environment under `env`.
 */
export function startServed(script: string, readyPath: string, env: Record<string, string> = {}, options: StartOptions = {}): Promise<Server> {
  return startServer(script, readyPath, { ...servedEnv, ...env }, { ...options, nodeArgs: servedFlags });
}

/** Milliseconds from spawn to exit of `node <args>` on CPU 0, as a server would run (exit code not checked). */
export function wallMs(args: string[]): number {
  const started = process.hrtime.bigint();
  const argv = [process.execPath, ...args];
  const { error } = spawnSync(hasTaskset ? 'taskset' : argv[0]!, hasTaskset ? ['-c', '0', ...argv] : argv.slice(1), { cwd: projectRoot, stdio: 'ignore' });
  if (error) throw error;
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

export interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  timeouts: number;
  errors: number;
  non2xx: number;
  status5xx: number;
  status4xx: number;
  total: number;
}

export async function drive(options: autocannon.Options): Promise<Load> {
  const result = await autocannon({ timeout: 10, ...options });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    timeouts: result.timeouts,
    errors: result.errors,
    non2xx: result.non2xx,
    status5xx: result['5xx'],
    status4xx: result['4xx'],
    total: result.requests.total,
  };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
