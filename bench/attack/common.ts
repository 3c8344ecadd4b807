import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { personas } from '../../src/profile/personas';
import { SERVED_APP, startServed } from '../processes';

/** What the scenarios share: the report, servers with their logs, HTTP and raw-socket clients, /proc readings. */

// ---------------------------------------------------------------- report

export interface Check {
  scenario: string;
  expectation: string;
  measured: string;
  pass: boolean;
}

export interface Context {
  /** A line of the scenario's section of the report. */
  say(text: string): void;
  /** One expectation, as it will appear in the summary table. */
  check(expectation: string, measured: string, pass: boolean): void;
}

export type Scenario = (ctx: Context) => Promise<void>;

// ---------------------------------------------------------------- small things

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const now = () => performance.now();
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function spread(msList: number[]): string {
  if (msList.length === 0) return 'none';
  return `min ${seconds(Math.min(...msList))}, median ${seconds(percentile(msList, 50))}, max ${seconds(Math.max(...msList))}`;
}

export function countBy<T>(xs: T[], key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return new Map([...m].sort(([a], [b]) => a.localeCompare(b)));
}

export const describeCounts = (m: Map<string, number>) => [...m].map(([k, n]) => `${k}: ${n}`).join(', ') || 'none';

/** Runs `task` on `items` with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Polls `test` until it is true or `ms` have passed; says which. */
export async function waitUntil(test: () => boolean, ms: number, every = 20): Promise<boolean> {
  const end = now() + ms;
  while (!test()) {
    if (now() >= end) return false;
    await sleep(every);
  }
  return true;
}

// ---------------------------------------------------------------- servers

export interface LogLine {
  /** performance.now() when the line reached us. */
  at: number;
  text: string;
  json?: Record<string, unknown>;
}

export interface Running {
  port: number;
  pid: number;
  child: ChildProcess;
  lines: LogLine[];
  /** Pids of processes that logged "listening" (the workers, in cluster mode). */
  listeningPids(): number[];
  /** The first line (already seen or still to come) that passes `test`, or undefined after `ms`. */
  waitForLine(test: (l: LogLine) => boolean, ms: number): Promise<LogLine | undefined>;
  /** Resolves with how the process ended, however it is ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** SIGTERM, once: a second one would meet Node's default handler and kill the process outright. */
  terminate(): void;
  /** terminate(), then SIGKILL if it has not exited within `ms`. */
  stop(ms?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * Starts the built server with `env`, keeping every stdout line with its arrival time, and waits until
 * `workers` processes have logged that they listen (readyz answers as soon as the first one does).
 */
export async function launch(env: Record<string, string>, workers = 1): Promise<Running> {
  const lines: LogLine[] = [];
  const watchers = new Set<(l: LogLine) => void>();
  let child: ChildProcess | undefined;
  const onLine = (text: string) => {
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    const line = { at: now(), text, json };
    lines.push(line);
    for (const w of watchers) w(line);
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('server did not become ready within 60 s')), 60_000);
  });
  let server;
  try {
    server = await Promise.race([startServed(SERVED_APP, '/readyz', env, { onLine, onSpawn: (c) => (child = c) }), timeout]);
  } catch (e) {
    child?.kill('SIGKILL');
    throw e;
  } finally {
    clearTimeout(timer);
  }
  const c = server.child;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) resolve({ code: c.exitCode, signal: c.signalCode, at: now() });
    c.once('exit', (code, signal) => resolve({ code, signal, at: now() }));
  });
  const listeningPids = () => [
    ...new Set(lines.filter((l) => /listening on/.test(String(l.json?.msg ?? '')) && typeof l.json?.pid === 'number').map((l) => l.json!.pid as number)),
  ];
  const waitForLine = (test: (l: LogLine) => boolean, ms: number) =>
    new Promise<LogLine | undefined>((resolve) => {
      const seen = lines.find(test);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => {
        watchers.delete(watch);
        resolve(undefined);
      }, ms);
      const watch = (l: LogLine) => {
        if (!test(l)) return;
        clearTimeout(timer);
        watchers.delete(watch);
        resolve(l);
      };
      watchers.add(watch);
    });
  let terminated = false;
  const terminate = () => {
    if (terminated || c.exitCode !== null || c.signalCode !== null) return;
    terminated = true;
    c.kill('SIGTERM');
  };
  const running: Running = {
    port: server.port,
    pid: c.pid!,
    child: c,
    lines,
    listeningPids,
    waitForLine,
    exited,
    terminate,
    stop: async (ms = 20_000) => {
      terminate();
      const timer = setTimeout(() => c.kill('SIGKILL'), ms);
      const end = await exited;
      clearTimeout(timer);
      return end;
    },
  };
  if (workers > 1 && !(await waitUntil(() => listeningPids().length >= workers, 30_000))) {
    await running.stop();
    throw new Error(`only ${listeningPids().length} of ${workers} workers listened within 30 s`);
  }
  return running;
}

/** Runs `body` against a fresh server and always stops the server afterwards. */
export async function withServer<T>(env: Record<string, string>, body: (s: Running) => Promise<T>, workers = 1): Promise<T> {
  const s = await launch(env, workers);
  try {
    return await body(s);
  } finally {
    await s.stop();
  }
}

// ---------------------------------------------------------------- HTTP

export interface Ask {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** 127.0.0.1 unless told: 127.0.0.2 plays a second client. */
  localAddress?: string;
  agent?: http.Agent | false;
  timeoutMs?: number;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Set when no complete answer arrived: a socket error, a cut-off body or a timeout. */
  error?: string;
  ms: number;
}

export function ask(port: number, a: Ask): Promise<Answer> {
  const started = now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (x: Omit<Answer, 'ms'>) => {
      if (done) return;
      done = true;
      resolve({ ...x, ms: now() - started });
    };
    const headers: Record<string, string | number> = { ...a.headers };
    if (a.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['content-length'] = Buffer.byteLength(a.body);
    const req = http.request(
      { host: '127.0.0.1', port, method: a.method ?? 'GET', path: a.path, headers, localAddress: a.localAddress ?? '127.0.0.1', agent: a.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), error: res.complete ? undefined : 'incomplete body' }));
        res.on('error', (e) => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), error: (e as NodeJS.ErrnoException).code ?? e.message }));
        res.on('aborted', () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), error: 'aborted' }));
      },
    );
    req.setTimeout(a.timeoutMs ?? 30_000, () => {
      req.destroy();
      finish({ status: 0, headers: {}, body: '', error: 'timeout' });
    });
    req.on('error', (e) => finish({ status: 0, headers: {}, body: '', error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end(a.body);
  });
}

export const JSON_TYPE = { 'content-type': 'application/json' };
export const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
export const postJson = (port: number, path: string, body: unknown, extra: Partial<Ask> = {}) =>
  ask(port, { method: 'POST', path, headers: JSON_TYPE, body: typeof body === 'string' ? body : JSON.stringify(body), ...extra });
export const postForm = (port: number, path: string, body: string, extra: Partial<Ask> = {}) =>
  ask(port, { method: 'POST', path, headers: FORM_TYPE, body, ...extra });

/** The words of an HTML page's main part, or the `detail` of a problem answer. */
export function answerText(a: Answer): string {
  if (/json/.test(String(a.headers['content-type']))) {
    try {
      const j = JSON.parse(a.body) as { detail?: unknown };
      if (typeof j.detail === 'string') return j.detail;
    } catch {
      // not JSON after all: fall through to the raw text
    }
  }
  const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(a.body)?.[1] ?? a.body;
  return main.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A raw TCP connection that records what arrives (without reading, if `paused`) and when it closes. */
export interface RawSocket {
  socket: net.Socket;
  openedAt: number;
  connectedAt?: number;
  closedAt?: number;
  error?: string;
  received: Buffer[];
}

export function rawConnect(port: number, localAddress = '127.0.0.1', paused = false): RawSocket {
  const socket = net.connect({ host: '127.0.0.1', port, localAddress });
  const raw: RawSocket = { socket, openedAt: now(), received: [] };
  socket.once('connect', () => (raw.connectedAt = now()));
  socket.on('error', (e: NodeJS.ErrnoException) => (raw.error ??= e.code ?? e.message));
  socket.once('close', () => (raw.closedAt = now()));
  if (paused) socket.pause();
  else socket.on('data', (c: Buffer) => raw.received.push(c));
  return raw;
}

export const firstLine = (raw: RawSocket) => Buffer.concat(raw.received).toString('latin1').split('\r\n')[0] ?? '';

// ---------------------------------------------------------------- the same few valid requests, before and after attacks

export const VALID: { name: string; short: string; send: (port: number) => Promise<Answer> }[] = [
  { name: 'POST /api/v1/evaluations TX nha', short: 'evaluation', send: (p) => postJson(p, '/api/v1/evaluations', { jurisdiction: 'TX', license: 'nha', profile: {} }) },
  { name: 'POST /api/v1/comparisons nha', short: 'comparison', send: (p) => postJson(p, '/api/v1/comparisons', { license: 'nha', profile: {} }) },
  { name: 'POST /api/v1/evaluations/batch (1 item)', short: 'batch', send: (p) => postJson(p, '/api/v1/evaluations/batch', { items: [{ jurisdiction: 'TX', license: 'nha', profile: {} }] }) },
  { name: 'POST /check jurisdiction=TX&license=nha', short: 'form', send: (p) => postForm(p, '/check', 'jurisdiction=TX&license=nha') },
  { name: 'GET /', short: 'GET /', send: (p) => ask(p, { path: '/' }) },
];

/** Sends each valid request; each must answer 200 and nothing may show the word a pollution attempt planted. */
export async function checkValid(port: number): Promise<{ ok: boolean; summary: string; brief: string }> {
  const parts: string[] = [];
  const brief: string[] = [];
  let ok = true;
  for (const v of VALID) {
    const a = await v.send(port);
    const pwned = /pwned|polluted/i.test(a.body);
    ok &&= a.status === 200 && !pwned;
    parts.push(`${v.name} → ${a.status || a.error}${pwned ? ' (shows "pwned")' : ''}`);
    brief.push(`${v.short} ${a.status || a.error}${pwned ? '+pwned' : ''}`);
  }
  return { ok, summary: parts.join('; '), brief: ok ? 'all 200' : brief.join(', ') };
}

/** A batch of 100 evaluations over a few jurisdictions and every persona: its answer is about 2.5 MB. */
export const BATCH_JURISDICTIONS = ['TX', 'CA', 'FL', 'NY', 'MN'];
export const batchOf100 = JSON.stringify({
  items: Array.from({ length: 100 }, (_, i) => ({
    jurisdiction: BATCH_JURISDICTIONS[i % BATCH_JURISDICTIONS.length],
    license: i % 2 ? 'ala' : 'nha',
    profile: personas[i % personas.length]!.profile,
  })),
});

// ---------------------------------------------------------------- /proc (Linux)

/** getconf CLK_TCK: 100 on every Linux Node runs on. */
const CLOCK_TICKS = 100;

/** CPU time (user + system) of a process and its children (cluster workers), in ms. */
export function cpuMs(pid: number): number {
  const ticks = (p: number) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(f[11]) + Number(f[12]);
    } catch {
      return 0;
    }
  };
  return (ticks(pid) + childPids(pid).reduce((s, c) => s + ticks(c), 0)) * (1000 / CLOCK_TICKS);
}

export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** Open sockets held by a process (its file descriptors that are sockets). */
export function socketFds(pid: number): number {
  let n = 0;
  try {
    for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
      } catch {
        // closed while we looked
      }
    }
  } catch {
    return NaN;
  }
  return n;
}

/** Memory the kernel holds for TCP in this network namespace, in bytes (/proc/net/sockstat counts pages). */
export function tcpMemBytes(): number {
  const pages = Number(/TCP:.*\bmem (\d+)/.exec(fs.readFileSync('/proc/net/sockstat', 'utf8'))?.[1] ?? NaN);
  return pages * 4096;
}

export interface TcpEntry {
  localIp: string;
  localPort: number;
  remoteIp: string;
  remotePort: number;
  state: string;
  /** Bytes written and not yet acknowledged by the peer; bytes received and not yet read. */
  txQueue: number;
  rxQueue: number;
}

const TCP_STATES: Record<string, string> = {
  '01': 'ESTABLISHED', '02': 'SYN_SENT', '03': 'SYN_RECV', '04': 'FIN_WAIT1', '05': 'FIN_WAIT2', '06': 'TIME_WAIT',
  '07': 'CLOSE', '08': 'CLOSE_WAIT', '09': 'LAST_ACK', '0A': 'LISTEN', '0B': 'CLOSING',
};

/** Loopback addresses only: IPv4 (127.x) and IPv4-mapped IPv6 (::ffff:127.x), which a dual-stack server sees. */
function loopbackIp(hex: string): string {
  const v4 = hex.length === 8 ? hex : hex.startsWith('0000000000000000FFFF0000') ? hex.slice(24) : undefined;
  if (!v4) return hex === '00000000000000000000000001000000' ? '::1' : `[${hex}]`;
  const bytes = v4.match(/../g)!.map((b) => parseInt(b, 16));
  return bytes.reverse().join('.');
}

/** Every TCP socket of this network namespace, from /proc/net/tcp and tcp6. */
export function tcpTable(): TcpEntry[] {
  const out: TcpEntry[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const row of text.split('\n').slice(1)) {
      const f = row.trim().split(/\s+/);
      if (f.length < 5) continue;
      const [local, remote, st, queues] = [f[1]!, f[2]!, f[3]!, f[4]!];
      const [lip, lport] = local.split(':') as [string, string];
      const [rip, rport] = remote.split(':') as [string, string];
      const [tx, rx] = queues.split(':') as [string, string];
      out.push({
        localIp: loopbackIp(lip),
        localPort: parseInt(lport, 16),
        remoteIp: loopbackIp(rip),
        remotePort: parseInt(rport, 16),
        state: TCP_STATES[st] ?? st,
        txQueue: parseInt(tx, 16),
        rxQueue: parseInt(rx, 16),
      });
    }
  }
  return out;
}
