import type { Response } from 'express';

/** Waits until the socket takes more, or is gone (a client that left never drains). */
const drained = (res: Response) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });

/**
 * A batch's answer, `{"results":[…], …rest}`, each result worked out and written in turn: a batch of 100
 * evaluations is about 4 MB of JSON, which, built whole, sat in memory as objects, one string and one buffer
 * for every batch in flight. Written as the client reads (the next result waits while the socket's buffer
 * is full), and never after the client has gone. The same JSON as `res.json` would send.
 */
export async function sendResults<T extends { results: unknown[] }>(
  res: Response,
  results: readonly (() => T['results'][number] | Promise<T['results'][number]>)[],
  rest: Omit<T, 'results'>,
): Promise<void> {
  let gone = false;
  res.once('close', () => (gone = !res.writableFinished));
  res.status(200).type('application/json');
  let open = res.write('{"results":[');
  for (const [i, result] of results.entries()) {
    if (!open) await drained(res);
    if (gone) return;
    open = res.write(`${i ? ',' : ''}${JSON.stringify(await result())}`);
  }
  const tail = JSON.stringify(rest);
  res.end(tail === '{}' ? ']}' : `],${tail.slice(1)}`);
}
