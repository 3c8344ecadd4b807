import cluster from 'node:cluster';
import http, { type Server } from 'node:http';
import type { Logger } from 'pino';
import { loadRuleSets, type Catalog } from '../data/loadRuleSets';
import { RuleDataError } from '../data/RuleDataError';
import { LICENSE_TYPES } from '../data/ruleSetTypes';
import { evaluateProfile } from '../evaluateProfile';
import { personas } from '../profile/personas';
import { validateEvaluationRequest } from '../profile/validateProfile';
import { createApp } from './createApp';
import { guardConnections } from './connections';
import { startSharedRateLimitStore } from './rateLimit';
import { ConfigError, readServerConfig, type ServerConfig } from './serverConfig';
import { createLogger } from './requestLogging';

/**
 * A process's first request is several times slower than later ones: the request validators load, and
 * json-rules-engine's code is not optimised yet. Pay that before serving, with an example persona's request
 * on each license of one jurisdiction. Other rule sets' engines are built on first use, which costs little:
 * warming all 102 rule sets took ten times as long and left the first answers no faster (issue 10, measured
 * for `npm run bench`).
 */
async function warmUp(catalog: Catalog): Promise<void> {
  const jurisdiction = catalog.jurisdictions[0]!;
  for (const license of LICENSE_TYPES) {
    validateEvaluationRequest({ jurisdiction: jurisdiction.code, license, profile: personas[0]!.profile }, catalog);
    await evaluateProfile(jurisdiction.ruleSets[license], personas[0]!.profile);
  }
}

export interface RunningServer {
  server: Server;
  readiness: { ready: boolean };
  /** Stops taking requests, answers those already sent (up to the grace period), then closes. */
  shutdown(): Promise<void>;
}

/** Node checks its head and request timeouts on this beat (30 s by default, so they acted up to 30 s late). */
const TIMEOUT_CHECK_MS = 1_000;

/** Loads and validates the rule data (refusing to start on any problem), warms the engine, and listens. */
export async function startServer(config: ServerConfig, logger: Logger): Promise<RunningServer> {
  const catalog = loadRuleSets({ root: config.ruleDataDir });
  const readiness = { ready: false };
  const app = createApp(catalog, {
    logger,
    rateLimitPerMinute: config.rateLimitPerMinute,
    rateLimitShared: cluster.isWorker,
    trustProxy: config.trustProxy,
    readiness,
  });
  await warmUp(catalog);
  const server = http.createServer(
    {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.headersTimeoutMs,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: TIMEOUT_CHECK_MS,
    },
    app,
  );
  const connections = guardConnections(server, config, logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Once listening, an error taking a connection (out of file descriptors, say) is logged, not fatal.
  server.on('error', (err) => logger.error({ err }, 'could not take a connection'));
  readiness.ready = true;

  let closing: Promise<void> | undefined;
  const shutdown = () =>
    (closing ??= (async () => {
      // First /readyz turns 503 so a load balancer stops sending, while requests already on their way (or
      // sent just before the signal and not yet read) are still taken; then the listener closes and every
      // connection is answered and ended, up to the grace period.
      readiness.ready = false;
      await new Promise((r) => setTimeout(r, config.shutdownDelayMs));
      await connections.drain(config.shutdownGraceMs);
    })());
  return { server, readiness, shutdown };
}

/**
 * WEB_CONCURRENCY > 1: one worker process per unit, each a full stateless server on the shared port.
 * Workers take connections straight from the shared socket (SCHED_NONE) rather than through the primary:
 * a connection the primary had accepted but not yet handed to a busy worker was reset when the workers
 * stopped, losing requests sent before SIGTERM. A busy worker also takes no new connections this way.
 */
function runPrimary(config: ServerConfig, logger: Logger): void {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  // The rate limit's count, kept here for all workers.
  if (config.rateLimitPerMinute > 0) startSharedRateLimitStore();
  let stopping = false;
  const listening = new Set<number>();
  cluster.on('listening', (worker) => listening.add(worker.id));
  for (let i = 0; i < config.workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('stopped');
        logger.flush(() => process.exit(0));
      }
      return;
    }
    // A worker that never started (bad rule data, port taken) would fail again: stop rather than loop.
    if (!listening.has(worker.id)) {
      logger.fatal({ worker: worker.process.pid, code }, 'a worker could not start; stopping');
      logger.flush(() => process.exit(code || 1));
      return;
    }
    logger.error({ worker: worker.process.pid, code, signal }, 'worker stopped; starting another');
    cluster.fork();
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: workers finish their requests');
    logger.flush();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function runServer(config: ServerConfig, logger: Logger): Promise<void> {
  const running = await startServer(config, logger);
  const address = running.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    logger.flush();
    void running.shutdown().then(() => {
      logger.info('stopped');
      logger.flush(() => process.exit(0));
    });
  };
  // Before the line below: whoever reads it may signal at once, and a SIGTERM that comes before its handler
  // kills the process with every request in flight.
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  logger.info({ port }, `LTC Licensure Checker listening on http://localhost:${port}`);
  logger.flush(); // the line operators (and scripts) wait for, written now rather than with the next batch
}

if (require.main === module) {
  let config: ServerConfig;
  try {
    config = readServerConfig();
  } catch (e) {
    console.error(e instanceof ConfigError ? `Configuration error: ${e.message}` : e);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  const start = config.workers > 1 && cluster.isPrimary ? async () => runPrimary(config, logger) : () => runServer(config, logger);
  start().catch((e: unknown) => {
    // Rule data problems are listed one per line (file#/pointer: reason) for whoever edits the data.
    if (e instanceof RuleDataError) console.error(e.message);
    else logger.fatal({ err: e }, 'could not start');
    logger.flush(() => process.exit(1));
  });
}
