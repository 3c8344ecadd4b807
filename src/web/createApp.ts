import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Catalog } from '../data/loadRuleSets';
import { projectRoot } from '../projectRoot';
import { apiRoutes } from './apiRoutes';
import { pageRoutes } from './pageRoutes';
import { clientErrorStatus, HttpProblem, problem, sendProblem } from './problems';
import { renderPage } from './renderPage';

/** The web app over a loaded catalog: pages, the JSON API, static files. Stateless; nothing is stored. */
export function createApp(catalog: Catalog): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'none'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
    }),
  );
  // Results depend on what was posted: never cache them anywhere on the way.
  app.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/static', express.static(path.join(projectRoot, 'public'), { index: false, maxAge: '1h' }));
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
    if (status === undefined) {
      // A bug on our side: say so without echoing anything the client sent.
      console.error(`Internal error on ${req.method} ${req.path}:`, err instanceof Error ? err.stack : err);
    }
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
