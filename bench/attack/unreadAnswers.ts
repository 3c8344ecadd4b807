import { personas } from '../../src/profile/personas';
import { BATCH_JURISDICTIONS, batchOf100, mb, now, postJson, rawConnect, seconds, sleep, socketFds, tcpMemBytes, tcpTable, withServer, type Context, type RawSocket, type TcpEntry } from './common';

/**
 * 5. Clients that ask for large answers and never read them. Unread answers sit in the kernel's socket buffers
 * (and the server's own), so the server must cut such a connection after SEND_TIMEOUT_MS.
 */
const CLIENTS = 100;
const SEND_TIMEOUT_MS = 3000;
const KEEP_ALIVE_MS = 5000;
const SAMPLE_EVERY_MS = 500;
/** The server needs several seconds to compute 100 batches on one CPU before the timeouts can even start. */
const SAMPLE_MS = Number(process.env.ATTACK_UNREAD_SAMPLE_MS ?? 30_000);

interface Sample {
  t: number;
  tcpMem: number;
  serverSockets: number;
  serverQueued: number;
  fds: number;
}

export async function unreadAnswers(ctx: Context): Promise<void> {
  const env = { SEND_TIMEOUT_MS: String(SEND_TIMEOUT_MS), RATE_LIMIT_PER_MINUTE: '0', MAX_CONNECTIONS_PER_CLIENT: '1000' };
  await withServer(env, async (s) => {
    const sample = await postJson(s.port, '/api/v1/evaluations/batch', batchOf100);
    ctx.say(`One batch of 100 (${BATCH_JURISDICTIONS.join(', ')}; ${personas.length} personas): ${sample.status}, answer ${mb(Buffer.byteLength(sample.body))}.`);
    await sleep(300);
    const baseMem = tcpMemBytes();
    const baseFds = socketFds(s.pid);
    // Server side of a connection: its local port is the server's; any state but LISTEN and TIME_WAIT holds memory.
    const isServerSide = (e: TcpEntry) => e.localPort === s.port && e.state !== 'LISTEN' && e.state !== 'TIME_WAIT';

    const clients: RawSocket[] = [];
    const written: Promise<void>[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const c = rawConnect(s.port, '127.0.0.1', true);
      clients.push(c);
      const head = `POST /api/v1/evaluations/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(batchOf100)}\r\n\r\n`;
      written.push(new Promise((resolve) => c.socket.write(head + batchOf100, () => resolve())));
    }
    await Promise.all(written);
    const t0 = now();

    const samples: Sample[] = [];
    /** Per server-side connection (by client port): when its unsent bytes last changed, and when it went. */
    const progress = new Map<number, { queued: number; changedAt: number; goneAt?: number }>();
    let clientsClosedAt: number | undefined;
    while (now() - t0 < SAMPLE_MS) {
      const t = now() - t0;
      const table = tcpTable();
      const server = table.filter(isServerSide);
      const ports = new Set(server.map((e) => e.remotePort));
      for (const e of server) {
        const p = progress.get(e.remotePort);
        if (!p) progress.set(e.remotePort, { queued: e.txQueue, changedAt: t });
        else if (p.queued !== e.txQueue) Object.assign(p, { queued: e.txQueue, changedAt: t });
      }
      for (const p of progress) if (!ports.has(p[0]) && p[1].goneAt === undefined) p[1].goneAt = t;
      samples.push({ t, tcpMem: tcpMemBytes(), serverSockets: server.length, serverQueued: server.reduce((n, e) => n + e.txQueue, 0), fds: socketFds(s.pid) - baseFds });

      // A paused Node socket does not poll, so it would never learn that the server reset it and would keep
      // its own receive buffer forever. What is measured is what the server holds: a client whose
      // connection the server has dropped lets go of its end too, as a real client's next read would.
      const clientEnds = new Map(table.filter((e) => e.remotePort === s.port).map((e) => [e.localPort, e.state]));
      for (const c of clients) if (!c.socket.destroyed && c.socket.localPort && clientEnds.get(c.socket.localPort) !== 'ESTABLISHED') c.socket.destroy();
      const last = samples[samples.length - 1]!;
      if (t > 2000 && last.serverSockets === 0 && last.tcpMem <= nearBaseline(baseMem, samples)) break;
      await sleep(SAMPLE_EVERY_MS);
    }
    const left = tcpTable().filter(isServerSide);
    const dropped = left.length === 0;
    const states = [...new Set(left.map((e) => e.state))].map((st) => `${st} ${left.filter((e) => e.state === st).length}`).join(', ');
    if (!dropped) {
      // The server never let go: the clients do, so the memory the sockets held can be seen coming back.
      clientsClosedAt = now() - t0;
      for (const c of clients) c.socket.destroy();
      const end = now() + 5000;
      while (now() < end && tcpMemBytes() > nearBaseline(baseMem, samples)) await sleep(100);
    }
    for (const c of clients) c.socket.destroy();

    const peak = samples.reduce((a, b) => (b.tcpMem > a.tcpMem ? b : a));
    const peakQueued = Math.max(...samples.map((x) => x.serverQueued));
    const peakSockets = Math.max(...samples.map((x) => x.serverSockets));
    const near = nearBaseline(baseMem, samples);
    const allGone = [...progress.values()].every((p) => p.goneAt !== undefined);
    const goneAt = allGone ? Math.max(...[...progress.values()].map((p) => p.goneAt!)) : undefined;
    const backAt = samples.find((x) => x.t > peak.t && x.tcpMem <= near)?.t;
    const lastProgress = Math.max(...[...progress.values()].map((p) => p.changedAt));
    const stalls = [...progress.values()].filter((p) => p.goneAt !== undefined).map((p) => p.goneAt! - p.changedAt);
    const budget = SEND_TIMEOUT_MS + KEEP_ALIVE_MS + 3000;

    ctx.say(`SEND_TIMEOUT_MS=${SEND_TIMEOUT_MS}; ${CLIENTS} clients each sent a batch of 100 and never read. Time 0 = all requests written.`);
    ctx.say('   t      TCP mem   server sockets   server unsent   server socket fds');
    const step = Math.ceil(samples.length / 16);
    for (const x of samples.filter((_, i) => i % step === 0 || i === samples.length - 1)) {
      ctx.say(`  ${(x.t / 1000).toFixed(1).padStart(5)} s ${mb(x.tcpMem).padStart(9)} ${String(x.serverSockets).padStart(10)} ${mb(x.serverQueued).padStart(15)} ${String(x.fds).padStart(12)}`);
    }
    ctx.say(`TCP memory: baseline ${mb(baseMem)}, peak ${mb(peak.tcpMem)} at ${seconds(peak.t)}; "near baseline" = ≤ ${mb(near)}.`);
    ctx.say(`Server side: at most ${peakSockets} sockets, ${mb(peakQueued)} unsent; last progress on any connection at ${seconds(lastProgress)}.`);
    ctx.say(
      allGone
        ? `Server dropped every connection by ${seconds(goneAt!)} (each ${stalls.length ? `${seconds(Math.min(...stalls))}–${seconds(Math.max(...stalls))}` : '–'} after its last progress); TCP memory near baseline at ${backAt !== undefined ? seconds(backAt) : 'never'}.`
        : `Server side still held ${left.length} connections after ${seconds(SAMPLE_MS)} (${states}; ${socketFds(s.pid) - baseFds} of them still open in the process, the rest orphaned to the kernel with their unsent data); the clients then closed theirs (at ${seconds(clientsClosedAt ?? 0)}) and TCP memory went to ${mb(tcpMemBytes())}.`,
    );
    const sinceLast = goneAt !== undefined ? goneAt - lastProgress : Infinity;
    const memSinceLast = backAt !== undefined ? backAt - lastProgress : Infinity;
    ctx.check(
      `unread answers: sockets dropped and TCP memory near baseline ≤ ${budget / 1000} s after the last progress`,
      allGone
        ? `dropped ${seconds(sinceLast)}, memory ${Number.isFinite(memSinceLast) ? seconds(memSinceLast) : 'not back'} after last progress (peak ${mb(peak.tcpMem)})`
        : `${serverSideCount(progress)} of ${progress.size} still held after ${seconds(SAMPLE_MS)} (peak ${mb(peak.tcpMem)})`,
      allGone && sinceLast <= budget && memSinceLast <= budget,
    );
  });
}

/** Within 2 MB, or 5 % of the rise, of the memory before the clients came. */
function nearBaseline(base: number, samples: Sample[]): number {
  const peak = Math.max(base, ...samples.map((x) => x.tcpMem));
  return base + Math.max(2 * 1024 * 1024, 0.05 * (peak - base));
}

const serverSideCount = (progress: Map<number, { goneAt?: number }>) => [...progress.values()].filter((p) => p.goneAt === undefined).length;
