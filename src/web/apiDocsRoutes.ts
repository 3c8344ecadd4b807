import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { Catalog } from '../data/loadRuleSets';
import { projectRoot } from '../projectRoot';
import { openApiDocument } from './openApiDocument';
import { cacheWithRuleData } from './cacheWithRuleData';
import { renderPage } from './renderPage';
import { CSP } from './contentSecurityPolicy';

const swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
/** The package's only files the page uses: nothing else of it (its README, package.json, demo pages) is served. */
const SWAGGER_UI = { style: 'swagger-ui.css', script: 'swagger-ui-bundle.js' } as const;
const { version } = require(path.join(projectRoot, 'package.json')) as { version: string };

/**
 * The OpenAPI document, and a readable reference page for it: Swagger UI from the swagger-ui-dist npm
 * package, served from here (no CDN). It is the one page that runs scripts, all from this origin.
 */
export function apiDocsRoutes(catalog: Catalog): express.Router {
  const router = express.Router();
  const document = openApiDocument(catalog, version);
  router.get('/v1/openapi.json', cacheWithRuleData(catalog), (_req, res) => {
    res.json(document);
  });
  for (const file of Object.values(SWAGGER_UI)) {
    router.get(`/docs/assets/${file}`, (_req, res, next) => res.sendFile(path.join(swaggerUiDir, file), { maxAge: '1d' }, (err) => err && next(err)));
  }
  router.get('/docs', helmet.contentSecurityPolicy({ useDefaults: true, directives: { ...CSP, 'script-src': ["'self'"] } }), (_req, res) => {
    res.send(
      renderPage('apiDocs', {
        title: 'API reference',
        styles: [`/api/docs/assets/${SWAGGER_UI.style}`],
        scripts: [`/api/docs/assets/${SWAGGER_UI.script}`, '/static/api-docs.js'],
      }),
    );
  });
  return router;
}
