import cluster from 'node:cluster';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';
import type { Logger } from 'pino';
import { loadRuleSets, type Catalog } from '../data/loadRuleSets';
import { RuleDataError } from '../data/RuleDataError';
import { LICENSE_TYPES } from '../data/ruleSetTypes';
import { evaluateProfile } from '../evaluateProfile';
import { createApp } from './createApp';
import { ConfigError, readServerConfig, type ServerConfig } from './serverConfig';
import { createLogger } from './requestLogging';

/** json-rules-engine's first run in a process is ~15× slower than later ones: pay it before serving. */
async function warmUp(catalog: Catalog): Promise<void> {
  for (const j of catalog.jurisdictions) for (const l of LICENSE_TYPES) await evaluateProfile(j.ruleSets[l], {});
}

export interface RunningServer {
  server: Server;
  readiness: { ready: boolean };
  /** Stops taking requests, lets in-flight ones finish (up to the grace period), then closes. */
  shutdown(): Promise<void>;
}

/** Loads and validates the rule data (refusing to start on any problem), warms the engine, and listens. */
export async function startServer(config: ServerConfig, logger: Logger): Promise<RunningServer> {
  const catalog = loadRuleSets({ root: config.ruleDataDir });
  const readiness = { ready: false };
  const accepting = { open: true };
  const app = createApp(catalog, { logger, rateLimitPerMinute: config.rateLimitPerMinute, trustProxy: config.trustProxy, readiness, accepting });
  await warmUp(catalog);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  // A slow or stalled client cannot hold a connection (and its memory) for long.
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = config.headersTimeoutMs;
  server.keepAliveTimeout = 5_000;
  readiness.ready = true;

  // Every open connection, and whether a request on it is still being answered: shutdown ends each one
  // gracefully once its answer is out, and waits for them all.
  let drained: (() => void) | undefined;
  const connections = new Map<Socket, { busy: boolean }>();
  let stopping = false;
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { busy: false });
    socket.once('close', () => {
      connections.delete(socket);
      if (stopping && connections.size === 0) drained?.();
    });
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const state = connections.get(req.socket);
    if (state) state.busy = true;
    res.once('finish', () => {
      if (state) state.busy = false;
      // While stopping, a connection ends once its answer is written: end() sends what is buffered first.
      if (stopping) req.socket.end();
    });
  });

  let closing: Promise<void> | undefined;
  const shutdown = () =>
    (closing ??= new Promise<void>((resolve) => {
      // First /readyz turns 503 so a load balancer stops sending, while requests already on their way (or
      // sent just before the signal and not yet read) are still taken. Then the listener closes, idle
      // connections end, and the process waits until every answer in flight is sent, up to the grace period.
      readiness.ready = false;
      setTimeout(() => {
        accepting.open = false;
        stopping = true;
        drained = resolve;
        // Stop listening only: http.Server#close would also destroy every connection whose answer has been
        // ended, even while its bytes are still being sent (seen to cut a 5 MB batch answer short).
        net.Server.prototype.close.call(server);
        for (const [socket, state] of connections) if (!state.busy) socket.end();
        if (connections.size === 0) resolve();
        setTimeout(() => {
          logger.warn({ connections: connections.size }, 'shutdown grace period over: closing remaining connections');
          for (const socket of connections.keys()) socket.destroy();
          resolve();
        }, config.shutdownGraceMs).unref();
      }, config.shutdownDelayMs);
    }));
  return { server, readiness, shutdown };
}

/** WEB_CONCURRENCY > 1: one worker process per unit, each a full stateless server on the shared port. */
function runPrimary(config: ServerConfig, logger: Logger): void {
  let stopping = false;
  const listening = new Set<number>();
  cluster.on('listening', (worker) => listening.add(worker.id));
  for (let i = 0; i < config.workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) logger.flush(() => process.exit(0));
      return;
    }
    // A worker that never started (bad rule data, port taken) would fail again: stop rather than loop.
    if (!listening.has(worker.id)) {
      logger.fatal({ pid: worker.process.pid, code }, 'a worker could not start; stopping');
      logger.flush(() => process.exit(code || 1));
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'worker stopped; starting another');
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function runServer(config: ServerConfig, logger: Logger): Promise<void> {
  const running = await startServer(config, logger);
  const address = running.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, pid: process.pid }, `LTC Licensure Checker listening on http://localhost:${port}`);
  logger.flush(); // the line operators (and scripts) wait for, written now rather than with the next batch
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    void running.shutdown().then(() => {
      logger.info('stopped');
      logger.flush(() => process.exit(0));
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
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
