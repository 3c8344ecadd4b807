import type { NextFunction, Request, Response } from 'express';
import type { Catalog } from '../data/loadRuleSets';
import { isoDay } from '../checklist/staleness';

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
