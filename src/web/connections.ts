import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';
import type { Logger } from 'pino';
import { clientKey } from './rateLimit';
import { tally } from './logTally';

/**
 * What a server does with its connections, so that no client can hold it: caps on how many are open (in
 * all, and from one address), a cut for a client that stops reading its answer, a clear answer and a log
 * line for a request cut by a timeout, and a shutdown that answers whatever was sent before it.
 */
export interface ConnectionLimits {
  maxConnections: number;
  /** 0: no cap per client address. */
  maxConnectionsPerClient: number;
  sendTimeoutMs: number;
}

export interface GuardedConnections {
  /** Stops listening and resolves once every connection has closed, cutting what is left after `graceMs`. */
  drain(graceMs: number): Promise<void>;
}

interface ConnectionState {
  /** The answer being written on this connection, if any. */
  res?: ServerResponse;
  /** Requests answered so far: a connection that has had none may still have one on its way. */
  served: number;
}

/** Node's own answers to a request it could not read, by error code (what it writes with no clientError listener). */
const STATUS_BY_CODE: Record<string, number> = { ERR_HTTP_REQUEST_TIMEOUT: 408, HPE_HEADER_OVERFLOW: 431, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413 };
const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Content Too Large', 431: 'Request Header Fields Too Large' };

export function guardConnections(server: Server, limits: ConnectionLimits, logger: Logger): GuardedConnections {
  const connections = new Map<Socket, ConnectionState>();
  const perClient = new Map<string, number>();
  const note = tally(logger, 'connection');
  let draining = false;
  let accepted = 0;
  let drained: (() => void) | undefined;

  server.maxConnections = limits.maxConnections;
  server.on('drop', () => note('refused: MAX_CONNECTIONS open already'));
  // Socket inactivity: fires when nothing moves for this long (Node does not count a write that is stuck).
  server.timeout = limits.sendTimeoutMs;

  /** Ends a connection with a FIN; one whose client does not take it (not reading) is reset after a while. */
  const closeGently = (socket: Socket) => {
    socket.end();
    setTimeout(() => socket.destroyed || socket.resetAndDestroy(), limits.sendTimeoutMs).unref();
  };

  server.on('connection', (socket: Socket) => {
    accepted++;
    // Counted as the rate limit counts clients: an IPv6 client by its /56, so new addresses do not escape it.
    const client = clientKey(socket.remoteAddress);
    const open = perClient.get(client) ?? 0;
    if (limits.maxConnectionsPerClient > 0 && open >= limits.maxConnectionsPerClient) {
      note('refused: MAX_CONNECTIONS_PER_CLIENT open already from one address');
      socket.destroy();
      return;
    }
    perClient.set(client, open + 1);
    connections.set(socket, { served: 0 });
    socket.once('close', () => {
      const left = (perClient.get(client) ?? 1) - 1;
      if (left > 0) perClient.set(client, left);
      else perClient.delete(client);
      connections.delete(socket);
      if (draining && connections.size === 0) drained?.();
    });
  });

  // Before the app's own listener, which may answer at once: headers can only be set before it does.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const state = connections.get(req.socket);
    if (!state) return;
    state.res = res;
    // While draining, every answer is the connection's last: the client opens its next one elsewhere.
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      state.res = undefined;
      state.served++;
      if (draining && !req.socket.destroyed) closeGently(req.socket);
    });
  });

  server.on('timeout', (socket: Socket) => {
    const res = connections.get(socket)?.res;
    // Still being worked out: the answer is not late until it is written (a long queue is not the client's doing).
    // An answer written in parts (a batch) that waits for the client to take the last part is written, though.
    if (res && !res.writableEnded && !res.writableNeedDrain) return;
    if (res && !res.writableFinished) {
      // Written, and stuck: the client is not reading. A reset frees the buffers a FIN would wait behind.
      note('reset: the client did not read its answer within SEND_TIMEOUT_MS');
      socket.resetAndDestroy();
      return;
    }
    // Idle past the keep-alive time (or silent since it opened).
    closeGently(socket);
  });

  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const code = err.code ?? '';
    if (code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = STATUS_BY_CODE[code] ?? 400;
    const res = connections.get(socket)?.res;
    if (res && status === 408 && !res.headersSent) {
      // A request whose body did not arrive in time: answered through its response, so it is logged with the
      // status it got; then the connection goes, since the rest of the body may still be on its way.
      res.once('finish', () => socket.destroy());
      res.writeHead(status, { Connection: 'close', 'Content-Type': 'text/plain; charset=utf-8' }).end(`${REASONS[status]}\n`);
      return;
    }
    if (status === 408) note('closed: no complete request head within HEADERS_TIMEOUT_MS');
    // With an answer under way, anything written now would corrupt it: the connection just goes.
    if (!res) socket.write(`HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  });

  /**
   * Resolves once a turn of the event loop has passed without a new connection: the listening socket's
   * queue is then empty. A busy process takes about one queued connection a turn, so closing the listener
   * at once reset connections whose requests had been sent (and written whole) before the signal.
   */
  const acceptQueueEmptied = async (deadline: number) => {
    const turn = () => new Promise((r) => setImmediate(r));
    await turn();
    for (;;) {
      const before = accepted;
      await turn(); // an immediate set from the check phase runs a turn later, after that turn's poll
      if (accepted === before || Date.now() > deadline) return;
    }
  };

  return {
    drain: (graceMs) =>
      new Promise<void>((resolve) => {
        draining = true;
        drained = resolve;
        setTimeout(() => {
          if (connections.size > 0) logger.warn({ connections: connections.size }, 'shutdown grace period over: closing remaining connections');
          for (const socket of connections.keys()) socket.destroy();
          resolve();
        }, graceMs).unref();
        void acceptQueueEmptied(Date.now() + graceMs).then(() => {
          // Stop listening only: http.Server#close would also destroy every connection whose answer has been
          // ended, even while its bytes are still being sent (seen to cut a 5 MB batch answer short).
          net.Server.prototype.close.call(server);
          // Idle keep-alive connections end now. One that has had no request yet is left to send it (and be
          // answered) or to meet the head timeout: it may hold a request sent just before the signal.
          for (const [socket, state] of connections) if (!state.res && state.served > 0) closeGently(socket);
          if (connections.size === 0) resolve();
        });
      }),
  };
}
