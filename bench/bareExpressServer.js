// The baseline for `npm run bench`: a bare Express 5 app with one JSON POST route that parses the body and
// sends it back, and a health route. Plain JavaScript, started with plain node, like the built app.
const express = require('express');

const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
app.post('/echo', express.json({ limit: '512kb' }), (req, res) => res.json(req.body));
const server = app.listen(Number(process.env.PORT ?? 0), () => {
  console.log(JSON.stringify({ msg: `listening on http://localhost:${server.address().port}` }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
