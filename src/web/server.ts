import type { Server } from 'node:http';
import { loadRuleSets, type Catalog } from '../data/loadRuleSets';
import { RuleDataError } from '../data/RuleDataError';
import { LICENSE_TYPES } from '../data/ruleSetTypes';
import { evaluateProfile } from '../evaluateProfile';
import { createApp } from './createApp';

/** json-rules-engine's first run in a process is ~15× slower than later ones: pay it before serving. */
async function warmUp(catalog: Catalog): Promise<void> {
  for (const j of catalog.jurisdictions) for (const l of LICENSE_TYPES) await evaluateProfile(j.ruleSets[l], {});
}

/** RULE_DATA_DIR points at another folder holding rules/conditions/ and states/ (default: this project's). */
export async function startServer(port: number, host?: string): Promise<Server> {
  const catalog = loadRuleSets({ root: process.env.RULE_DATA_DIR || undefined });
  await warmUp(catalog);
  const app = createApp(catalog);
  return new Promise((resolve) => {
    const server = host ? app.listen(port, host, () => resolve(server)) : app.listen(port, () => resolve(server));
  });
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  startServer(port)
    .then((server) => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      console.log(`LTC Licensure Checker listening on http://localhost:${actual}`);
    })
    .catch((e: unknown) => {
      console.error(e instanceof RuleDataError ? e.message : e);
      process.exit(1);
    });
}
