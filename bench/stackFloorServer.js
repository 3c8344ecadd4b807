// The stack floor for `npm run bench`: the built app's own stack (settings, request log, helmet, cache and
// rule-data version headers), the API's JSON body parsing and limits, and the evaluation request's
// validation against the loaded rule data, answering every valid request with one evaluation body the app
// gave earlier (the file BENCH_ANSWER_FILE names), serialized anew each time as the app does. The app's
// time above this floor is what evaluating costs; everything else is in both.
const fs = require('node:fs');
const { loadRuleSets } = require('../dist/data/loadRuleSets');
const { createBaseApp } = require('../dist/web/createApp');
const { API_BODY_LIMIT, jsonBody } = require('../dist/web/apiRoutes');
const { validateEvaluationRequest } = require('../dist/profile/validateProfile');
const { createLogger } = require('../dist/web/requestLogging');

const catalog = loadRuleSets();
const answer = JSON.parse(fs.readFileSync(process.env.BENCH_ANSWER_FILE, 'utf8'));
const app = createBaseApp(catalog, createLogger(process.env.LOG_LEVEL ?? 'info'));
app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
app.post('/api/v1/evaluations', ...jsonBody(API_BODY_LIMIT), (req, res) => {
  const problems = validateEvaluationRequest(req.body, catalog);
  const found = problems.length === 0 && catalog.get(req.body.jurisdiction, req.body.license);
  if (!found) return res.status(422).json({ problems });
  res.json(answer);
});
const server = app.listen(Number(process.env.PORT ?? 0), () => {
  console.log(JSON.stringify({ msg: `listening on http://localhost:${server.address().port}` }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
