/**
 * Everything an operator can set, from environment variables, with defaults that need no setting up.
 * A value that makes no sense stops start-up with a message naming the variable.
 */
export interface ServerConfig {
  port: number;
  /** Folder holding rules/conditions/ and states/ (default: this project's). */
  ruleDataDir?: string;
  /** Work units a minute per client before 429 (one per request; a batch item or compared jurisdiction each); 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Express "trust proxy": a hop count or subnets, set when a load balancer adds X-Forwarded-For. */
  trustProxy: string | number | false;
  /** Worker processes (node:cluster); 1 runs the server in this process. */
  workers: number;
  logLevel: string;
  /** Longest a request may take to arrive whole, and its head (a connection that sends nothing included). */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** A connection on which the client reads nothing of its answer for this long is cut. */
  sendTimeoutMs: number;
  /** Open connections a process holds, in all and from one client address; more are closed at once. */
  maxConnections: number;
  maxConnectionsPerClient: number;
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

/**
 * `true` would trust every X-Forwarded-For address, so any client could name itself anew on each request
 * and never meet the rate limit: only a hop count or the balancer's subnets are taken.
 */
function trustProxy(raw: string | undefined): string | number | false {
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === 'true') {
    throw new ConfigError(
      'TRUST_PROXY=true: this would let any client set its own address and pass the rate limit. Give the number of proxies in front of the server (e.g. 1) or their subnets (e.g. 10.0.0.0/8).',
    );
  }
  return raw;
}

export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL=${logLevel}: expected one of ${LOG_LEVELS.join(', ')}.`);
  const config: ServerConfig = {
    port: whole(env, 'PORT', 3000, 0, 65535),
    ruleDataDir: env.RULE_DATA_DIR || undefined,
    rateLimitPerMinute: whole(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
    trustProxy: trustProxy(env.TRUST_PROXY),
    workers: whole(env, 'WEB_CONCURRENCY', 1, 1, 64),
    logLevel,
    requestTimeoutMs: whole(env, 'REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000),
    headersTimeoutMs: whole(env, 'HEADERS_TIMEOUT_MS', 10_000, 1_000, 600_000),
    sendTimeoutMs: whole(env, 'SEND_TIMEOUT_MS', 10_000, 1_000, 600_000),
    maxConnections: whole(env, 'MAX_CONNECTIONS', 1_000, 1, 1_000_000),
    maxConnectionsPerClient: whole(env, 'MAX_CONNECTIONS_PER_CLIENT', 100, 0, 1_000_000),
    shutdownDelayMs: whole(env, 'SHUTDOWN_DELAY_MS', 500, 0, 600_000),
    shutdownGraceMs: whole(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
  };
  // The head is part of the request: Node refuses a head allowed longer than the whole.
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    throw new ConfigError(`HEADERS_TIMEOUT_MS=${config.headersTimeoutMs}: expected at most REQUEST_TIMEOUT_MS (${config.requestTimeoutMs}).`);
  }
  return config;
}
