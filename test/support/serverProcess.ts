import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import readline from 'node:readline';
import { servedCommand, servedEnv } from './builtApp';

/** The real server process, as an operator runs it, and plain HTTP requests to it over loopback. */

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Standard output and error, a whole line each, as they arrive. */
  lines: string[];
  exited: Promise<number | null>;
}

/** Starts the served server (`npm start`'s command) with these settings and waits until `listeners` processes listen. */
export function startServerProcess(env: Record<string, string>, listeners = 1): Promise<ServerProcess> {
  const child = spawn(process.execPath, servedCommand, {
    env: { ...process.env, ...servedEnv, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const ports: number[] = [];
    // Whole lines: a pipe may hand a log line over in two pieces.
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const port = /listening on http:\/\/localhost:(\d+)/.exec(line)?.[1];
      if (port) ports.push(Number(port));
      if (ports.length === listeners) resolve({ child, port: ports[0]!, lines, exited });
    });
    readline.createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
    void exited.then((code) => reject(new Error(`server exited ${code} before listening:\n${lines.join('\n')}`)));
  });
}

export interface Sent {
  /** Resolves once the whole request has been handed to the operating system. */
  written: Promise<void>;
  answer: Promise<{ status: number; body: string }>;
}

/** One request on its own connection; an answer cut short is a failure to see, not a hang. */
export function sendRequest(port: number, method: string, urlPath: string, body?: unknown): Sent {
  const data = body === undefined ? undefined : JSON.stringify(body);
  let req!: http.ClientRequest;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, agent: false, headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        res.on('aborted', () => reject(new Error(`answer cut short after ${text.length} characters`)));
      },
    );
    req.on('error', reject);
  });
  const written = new Promise<void>((resolve, reject) => {
    req.on('finish', resolve);
    req.on('error', reject);
  });
  req.end(data);
  // Whoever waits only for the answer still sees a failure once, through it.
  written.catch(() => undefined);
  return { written, answer };
}

export const send = (port: number, method: string, urlPath: string, body?: unknown) => sendRequest(port, method, urlPath, body).answer;

/** Resolves with the `nth` line matching `pattern` once it has arrived; fails if it has not within `withinMs`. */
export async function waitForLine(server: ServerProcess, pattern: RegExp, withinMs: number, nth = 1): Promise<string> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const found = server.lines.filter((l) => pattern.test(l));
    if (found.length >= nth) return found[nth - 1]!;
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} within ${withinMs} ms:\n${server.lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
