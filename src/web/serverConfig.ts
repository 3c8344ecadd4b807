/**
 * Everything an operator can set, from environment variables, with defaults that need no setting up.
 * A value that makes no sense stops start-up with a message naming the variable.
 */
export interface ServerConfig {
  port: number;
  /** Folder holding rules/conditions/ and states/ (default: this project's). */
  ruleDataDir?: string;
  /** Requests per minute per client (IP) before 429; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Express "trust proxy": set it when a load balancer adds X-Forwarded-For, so clients are told apart. */
  trustProxy: string | number | boolean;
  /** Worker processes (node:cluster); 1 runs the server in this process. */
  workers: number;
  logLevel: string;
  /** Longest a request may take from first byte to response, and the time allowed to send its headers. */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** After SIGTERM, how long /readyz answers 503 while requests are still taken, before the listener closes. */
  shutdownDelayMs: number;
  /** Then how long in-flight requests get before the remaining connections are cut. */
  shutdownGraceMs: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name}=${raw}: expected a whole number from ${min} to ${max}.`);
  return n;
}

function trustProxy(raw: string | undefined): string | number | boolean {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL=${logLevel}: expected one of ${LOG_LEVELS.join(', ')}.`);
  return {
    port: whole(env, 'PORT', 3000, 0, 65535),
    ruleDataDir: env.RULE_DATA_DIR || undefined,
    rateLimitPerMinute: whole(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
    trustProxy: trustProxy(env.TRUST_PROXY),
    workers: whole(env, 'WEB_CONCURRENCY', 1, 1, 64),
    logLevel,
    requestTimeoutMs: whole(env, 'REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000),
    headersTimeoutMs: whole(env, 'HEADERS_TIMEOUT_MS', 10_000, 1_000, 600_000),
    shutdownDelayMs: whole(env, 'SHUTDOWN_DELAY_MS', 500, 0, 600_000),
    shutdownGraceMs: whole(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
  };
}
