import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import pinoHttp from 'pino-http';

/**
 * Structured JSON logs, one line per request: id, method, path, status, time taken. Deliberately never the
 * body, the query string or any header but the request id: profiles are personal data and are not logged.
 */
export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  // Standard output, written in batches rather than one blocking write per line (flushed on shutdown);
  // a warning or worse is written at once, so that an operator sees a crash when it happens, and a batch
  // waits a second at most, so that a quiet server's lines do not wait for the next 4 KB.
  const out = destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1_000 });
  // The stream's own flush, without a callback: pino's flush() always hands it one, and sonic-boom keeps
  // a listener pair per callback until its writes pause, so under steady load they piled up.
  const flushOut = () => (out as { flush?: (cb: null) => void }).flush?.(null);
  return pino(
    {
      level,
      // The pid tells workers apart (WEB_CONCURRENCY); no hostname, which a log shipper adds where wanted.
      base: { service: 'ltc-licensure-checker', pid: process.pid },
      hooks: {
        logMethod(args, method, levelValue) {
          method.apply(this, args);
          if (levelValue >= pino.levels.values.warn!) flushOut();
        },
      },
    },
    out,
  );
}

/** A caller's own request id is kept when it is a plain token; otherwise one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
      // null when no answer went out (the client left first): never a status it did not get.
      res: (res: ServerResponse) => ({ statusCode: res.headersSent ? res.statusCode : null }),
      err: pino.stdSerializers.err,
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  });
}
