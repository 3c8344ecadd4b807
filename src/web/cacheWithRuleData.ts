import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Catalog } from '../data/loadRuleSets';
import { isoDay } from '../data/staleness';

/** How long a cache may reuse a GET answer before asking again (the ETag then makes that cheap). */
export const GET_MAX_AGE_SECONDS = 300;

/**
 * For GET routes whose answer depends only on the rule data (and today's date, through the stale flags):
 * an ETag naming both, and a short public cache lifetime. Express answers 304 to a matching If-None-Match.
 */
export function cacheWithRuleData(catalog: Catalog) {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.set('ETag', `"${catalog.version.hash}-${isoDay()}"`);
    res.set('Cache-Control', `public, max-age=${GET_MAX_AGE_SECONDS}`);
    next();
  };
}

/**
 * A page made from posted answers may be kept by the visitor's own browser (never by a shared cache), so
 * that Back returns to it instead of failing or asking to post the answers again (no-store forbade that);
 * every new request still goes to the server. Nothing is kept on the server, and answers stay out of URLs.
 */
export const keptForBackButton: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'private, no-cache');
  next();
};
