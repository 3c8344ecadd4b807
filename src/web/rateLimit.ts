import type { NextFunction, Request, RequestHandler, Response } from 'express';
import ipaddr from 'ipaddr.js';
import { RateLimiterCluster, RateLimiterClusterMaster, RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { HttpProblem, problem } from './problems';

/**
 * A per-client limit on work, not on requests: a batch of 100 costs 100 evaluations and a comparison one
 * per jurisdiction, so a client within its limit cannot take a core by sending big requests. One unit is
 * one evaluation; every request costs at least one (a page, a rule set, a single evaluation).
 *
 * With several workers the count lives in the primary process (rate-limiter-flexible's cluster limiter,
 * over node:cluster's IPC), so the limit and the headers hold for the instance, not for each worker.
 */
export interface WorkLimit {
  /** Charges every request one unit before it is routed. */
  perRequest: RequestHandler;
  /** Charges what a request's work costs beyond that unit, once its body says how much: `units(req)` in all. */
  forWork(units: (req: Request) => number): RequestHandler;
}

/** What a request costs against the limit, in evaluations, once its body is read; no charge when there is no limit. */
export type ChargeFor = WorkLimit['forWork'];
export const noCharge: ChargeFor = () => (_req, _res, next) => next();

const WINDOW_SECONDS = 60;
const KEY_PREFIX = 'work';

/**
 * The client a request counts against. An IPv6 client usually holds a whole /56 or /64 and could take a
 * new address for each request, so its addresses are counted together by their first 56 bits.
 */
export function clientKey(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return 'unknown';
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/56`).toString()}/56`;
}

/** Call in the cluster primary before forking workers: the one count their limiters share. */
export function startSharedRateLimitStore(): void {
  new RateLimiterClusterMaster();
}

function headers(res: Response, perMinute: number, state: RateLimiterRes): number {
  const reset = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  // IETF draft-7 fields: the policy, and where this client stands in the current window.
  res.set('RateLimit-Policy', `${perMinute};w=${WINDOW_SECONDS}`);
  res.set('RateLimit', `limit=${perMinute}, remaining=${Math.max(0, state.remainingPoints)}, reset=${reset}`);
  return reset;
}

export function workLimit(perMinute: number, { shared, onStoreError }: { shared: boolean; onStoreError: () => void }): WorkLimit {
  const options = { keyPrefix: KEY_PREFIX, points: perMinute, duration: WINDOW_SECONDS };
  const limiter: RateLimiterAbstract = shared ? new RateLimiterCluster({ ...options, timeoutMs: 2_000 }) : new RateLimiterMemory(options);

  /** Charges `units(req)` less what the request has paid already; a refusal names the whole cost. */
  const charge =
    (units: (req: Request) => number, paid: number): RequestHandler =>
    async (req: Request, res: Response, next: NextFunction) => {
      const cost = units(req);
      if (cost - paid <= 0) return next();
      let state: RateLimiterRes;
      try {
        state = await limiter.consume(clientKey(req.ip), cost - paid);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) {
          // The shared count did not answer (the primary is busy or restarting): serving beats refusing all.
          onStoreError();
          return next();
        }
        const seconds = headers(res, perMinute, e);
        res.set('Retry-After', String(seconds));
        const asked = cost > 1 ? ` This request asks for ${cost}.` : '';
        const body = problem(
          429,
          `Too much work asked: at most ${perMinute} evaluations a minute from one client (a batch counts each item, a comparison each jurisdiction).${asked} Try again in ${seconds} s.`,
        );
        // Answered like any other refusal: problem+json on the API, an error page elsewhere.
        return next(new HttpProblem(body));
      }
      headers(res, perMinute, state);
      next();
    };
  return { perRequest: charge(() => 1, 0), forWork: (units) => charge(units, 1) };
}
