import type { AddressInfo } from 'node:net';
import { loadRuleSets, type Catalog } from '../../src/data/loadRuleSets';
import { createApp } from '../../src/web/createApp';

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 — no trailing slash. */
  baseUrl: string;
  /** The catalog the app serves, for working out what a page should say. */
  catalog: Catalog;
  close(): Promise<void>;
}

/** The real app over the real catalog, on a free port of the loopback interface. */
export async function startTestServer(): Promise<TestServer> {
  const catalog = loadRuleSets();
  const app = createApp(catalog);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    catalog,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets (a browser's) would hold close() open; drop them.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
