import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Catalog } from '../data/loadRuleSets';
import { projectRoot } from '../projectRoot';
import { apiRoutes } from './apiRoutes';
import { apiDocsRoutes } from './apiDocsRoutes';
import { pageRoutes } from './pageRoutes';
import { clientErrorStatus, HttpProblem, problem, sendProblem } from './problems';
import { renderPage } from './renderPage';
import { createLogger, requestLogging } from './requestLogging';
import { CSP } from './contentSecurityPolicy';

export interface AppOptions {
  logger?: Logger;
  /** Requests per minute per client before 429; 0 or absent: no limit. */
  rateLimitPerMinute?: number;
  trustProxy?: string | number | boolean;
  /** What /readyz says: false before warm-up and once shutdown has begun. */
  readiness?: { ready: boolean };
  /** False once the server has stopped taking requests: any still arriving get 503. */
  accepting?: { open: boolean };
}


/** The web app over a loaded catalog: pages, the JSON API, static files. Stateless; nothing is stored. */
export function createApp(catalog: Catalog, options: AppOptions = {}): express.Express {
  const logger = options.logger ?? createLogger('silent');
  const readiness = options.readiness ?? { ready: true };
  const accepting = options.accepting ?? { open: true };
  const app = express();
  app.disable('x-powered-by');
  // GET routes set their own ETag from the rule-data version; hashing every posted result would be wasted.
  app.set('etag', false);
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(requestLogging(logger));
  app.use(helmet({ contentSecurityPolicy: { useDefaults: true, directives: CSP } }));
  const version = `${catalog.version.hash}; last-verified=${catalog.version.lastVerified}`;
  app.use((_req, res, next) => {
    // Results depend on what was posted: never cache them anywhere on the way (GET routes say otherwise).
    res.set('Cache-Control', 'no-store');
    // Every answer names the rule data it came from.
    res.set('X-Rule-Data-Version', version);
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    res.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'not ready', ruleData: catalog.version });
  });
  // Once the server has stopped taking requests, any still arriving on open connections are turned away (a
  // load balancer retries them elsewhere) while those in flight finish.
  app.use((_req, res, next) => {
    if (accepting.open) return next();
    res.set('Connection', 'close');
    sendProblem(res, problem(503, 'This server is shutting down. Try again.'));
  });
  app.use('/static', express.static(path.join(projectRoot, 'public'), { index: false, maxAge: '1h' }));
  if (options.rateLimitPerMinute) {
    app.use(
      rateLimit({
        windowMs: 60_000,
        limit: options.rateLimitPerMinute,
        standardHeaders: 'draft-7',
        legacyHeaders: false,
        handler: (req, res) => {
          const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
          const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
          res.set('Retry-After', String(seconds));
          const body = problem(429, `Too many requests: at most ${options.rateLimitPerMinute} a minute from one client. Try again in ${seconds} s.`);
          if (req.originalUrl.startsWith('/api')) return sendProblem(res, body);
          res.status(429).send(renderPage('error', { title: body.title, heading: body.title, message: body.detail }));
        },
      }),
    );
  }
  app.use('/api', apiDocsRoutes(catalog));
  app.use('/api/v1', apiRoutes(catalog));
  app.use('/api', (req) => {
    throw new HttpProblem(problem(404, `No API route ${req.method} ${req.originalUrl}. The API lives under /api/v1.`));
  });
  app.use(pageRoutes(catalog));

  app.use((_req: Request, res: Response) => {
    res.status(404).send(renderPage('error', { title: 'Page not found', heading: 'Page not found', message: 'There is no page at this address.' }));
  });

  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const isApi = req.originalUrl.startsWith('/api');
    const status = err instanceof HttpProblem ? err.body.status : clientErrorStatus(err);
    // A bug on our side: logged with the request id (never the body), and answered without echoing anything.
    if (status === undefined) req.log.error({ err }, 'internal error');
    const body =
      err instanceof HttpProblem
        ? err.body
        : status === 400
          ? problem(400, 'The request body is not valid JSON.')
          : status === 413
            ? problem(413, 'The request body is larger than this server accepts.')
            : status !== undefined
              ? problem(status, 'The request could not be processed.')
              : problem(500, 'Something went wrong on our side. Nothing you sent was stored.');
    if (isApi) return sendProblem(res, body);
    res.status(body.status).send(renderPage('error', { title: body.title, heading: body.title, message: body.detail }));
  });
  return app;
}
