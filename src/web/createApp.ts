import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Catalog } from '../data/loadRuleSets';
import { projectRoot } from '../projectRoot';
import { apiRoutes } from './apiRoutes';
import { apiDocsRoutes } from './apiDocsRoutes';
import { pageRoutes } from './pageRoutes';
import { clientProblem, HttpProblem, problem, sendProblem } from './problems';
import { renderPage } from './renderPage';
import { createLogger, requestLogging } from './requestLogging';
import { CSP } from './contentSecurityPolicy';
import { workLimit, type WorkLimit } from './rateLimit';
import { tally } from './logTally';

export interface AppOptions {
  logger?: Logger;
  /** Evaluations a minute per client before 429 (see rateLimit.ts); 0 or absent: no limit. */
  rateLimitPerMinute?: number;
  /** Count against the limit in the cluster primary, shared by all workers (see rateLimit.ts). */
  rateLimitShared?: boolean;
  trustProxy?: string | number | false;
  /** What /readyz says: false before warm-up and once shutdown has begun. */
  readiness?: { ready: boolean };
}


/**
 * The app's settings and what every request passes through before its route: the request log, security
 * headers, and the cache and rule-data version headers. `npm run bench` serves its stack floor on it too.
 */
export function createBaseApp(catalog: Catalog, logger: Logger, trustProxy: AppOptions['trustProxy'] = false): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // GET routes set their own ETag from the rule-data version; hashing every posted result would be wasted.
  app.set('etag', false);
  app.set('trust proxy', trustProxy);
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
  return app;
}

/** The web app over a loaded catalog: pages, the JSON API, static files. Stateless; nothing is stored. */
export function createApp(catalog: Catalog, options: AppOptions = {}): express.Express {
  const logger = options.logger ?? createLogger('silent');
  const readiness = options.readiness ?? { ready: true };
  const app = createBaseApp(catalog, logger, options.trustProxy);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    res.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'not ready', ruleData: catalog.version });
  });
  app.use('/static', express.static(path.join(projectRoot, 'public'), { index: false, maxAge: '1h' }));
  // One warning line every ten seconds while the shared count is silent, not one per request.
  const storeSilent = tally(logger, 'request');
  const limit: WorkLimit | undefined = options.rateLimitPerMinute
    ? workLimit(options.rateLimitPerMinute, { shared: options.rateLimitShared ?? false, onStoreError: () => storeSilent('let through: the shared rate-limit count did not answer') })
    : undefined;
  if (limit) app.use(limit.perRequest);
  app.use('/api', apiDocsRoutes(catalog));
  app.use('/api/v1', apiRoutes(catalog, limit?.forWork));
  app.use('/api', (req) => {
    throw new HttpProblem(problem(404, `No API route ${req.method} ${req.originalUrl}. The API lives under /api/v1.`));
  });
  app.use(pageRoutes(catalog, limit?.forWork));

  app.use((_req: Request, res: Response) => {
    res.status(404).send(renderPage('error', { title: 'Page not found', heading: 'Page not found', message: 'There is no page at this address.' }));
  });

  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const isApi = req.originalUrl.startsWith('/api');
    const known = err instanceof HttpProblem ? err.body : clientProblem(err);
    // A bug on our side: logged with the request id (never the body), and answered without echoing anything.
    if (!known) req.log.error({ err }, 'internal error');
    const body = known ?? problem(500, 'Something went wrong on our side. Nothing you sent was stored.');
    if (isApi) return sendProblem(res, body);
    res.status(body.status).send(renderPage('error', { title: body.title, heading: body.title, message: body.detail }));
  });
  return app;
}
