import type { Logger } from 'pino';
import { counted } from '../words';

/** Warnings about many clients at once (a flood) as one line per kind every ten seconds, not one each. */
export function tally(logger: Logger, subject: string) {
  const counts = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  return (what: string) => {
    counts.set(what, (counts.get(what) ?? 0) + 1);
    timer ??= setTimeout(() => {
      for (const [event, count] of counts) logger.warn({ event, count }, `${counted(count, subject)}: ${event} (last 10 s)`);
      counts.clear();
      timer = undefined;
    }, 10_000).unref();
  };
}
