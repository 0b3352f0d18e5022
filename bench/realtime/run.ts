// Real-time benchmarks: memory per idle WebSocket (10,000 on one process), memory per open
// event stream (1,000), and event-loop delay while two CPU-heavy tasks run inline vs in a
// WorkerPool. Writes bench/REALTIME.md.
//
//   npx tsx bench/realtime/run.ts [--sockets 10000] [--streams 1000]
import { type ChildProcess, fork } from "node:child_process";
import { Agent, request } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import WebSocketClient from "ws";
import { WorkerPool } from "../../src/index.js";
import { describeMachine, writeSection } from "../scale/machine.js";
import chainHashes from "./cpu-task.js";

const { values } = parseArgs({
  options: {
    sockets: { type: "string", default: "10000" },
    streams: { type: "string", default: "1000" },
  },
});
const SOCKETS = Number(values.sockets);
const STREAMS = Number(values.streams);
const REPORT = new URL("../REALTIME.md", import.meta.url);

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(new URL("./server.ts", import.meta.url), [], {
    execArgv: ["--import", "tsx", "--expose-gc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", (message: { port: number }) => resolve({ child, port: message.port }));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function memoryOf(child: ChildProcess): Promise<Memory> {
  return new Promise((resolve) => {
    child.once("message", (message: Memory) => resolve(message));
    child.send("memory");
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.send("stop");
  await exited;
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

function memoryRow(name: string, count: number, before: Memory, after: Memory): string {
  const per = (key: keyof Memory) => kib((after[key] - before[key]) / count);
  return `| ${name} | ${count} | ${mib(before.rss)} | ${mib(after.rss)} | ${per("rss")} | ${per("heapUsed")} | ${per("external")} |`;
}

/** opens `count` idle WebSockets in batches, each waiting for the server's "ready" */
async function idleWebSockets(port: number, count: number): Promise<WebSocketClient[]> {
  const sockets: WebSocketClient[] = [];
  for (let i = 0; i < count; i += 500) {
    const batch = Array.from({ length: Math.min(500, count - i) }, () => {
      const ws = new WebSocketClient(`ws://127.0.0.1:${port}/idle`, { perMessageDeflate: false });
      sockets.push(ws);
      return new Promise<void>((resolve, reject) => {
        ws.once("message", () => resolve());
        ws.once("error", reject);
      });
    });
    await Promise.all(batch);
  }
  return sockets;
}

/** opens `count` event streams at once, each having received its first event */
async function openStreams(port: number, count: number) {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const requests: ReturnType<typeof request>[] = [];
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const req = request({ port, host: "127.0.0.1", path: "/events", agent }, (res) =>
            res.once("data", () => resolve()),
          );
          req.on("error", reject);
          req.end();
          requests.push(req);
        }),
    ),
  );
  return { requests, agent };
}

async function measureWebSockets(): Promise<string> {
  const { child, port } = await startServer();
  await idleWebSockets(port, 200); // warm up: code paths compiled, pools allocated
  const before = await memoryOf(child);
  const sockets = await idleWebSockets(port, SOCKETS);
  const after = await memoryOf(child);
  for (const ws of sockets) ws.terminate();
  await stop(child);
  return memoryRow("idle WebSocket (accepted, awaiting a message)", SOCKETS, before, after);
}

async function measureStreams(): Promise<string> {
  const { child, port } = await startServer();
  const warm = await openStreams(port, 50);
  const before = await memoryOf(child);
  const { requests, agent } = await openStreams(port, STREAMS);
  const after = await memoryOf(child);
  for (const req of [...requests, ...warm.requests]) req.destroy();
  agent.destroy();
  warm.agent.destroy();
  await stop(child);
  return memoryRow(
    "open SSE stream (first event sent, generator awaiting)",
    STREAMS,
    before,
    after,
  );
}

/** event-loop delay while two tasks of `rounds` run: inline (one after the other) or on the pool */
async function measureDelay(rounds: number, pool: WorkerPool<typeof chainHashes> | null) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  // a timer every 5 ms stands in for the requests the loop should keep answering
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  histogram.enable();
  const started = performance.now();
  if (pool === null) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    chainHashes(rounds);
    await new Promise((resolve) => setTimeout(resolve, 5));
    chainHashes(rounds);
  } else await Promise.all([pool.run(rounds), pool.run(rounds)]);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const elapsed = performance.now() - started;
  histogram.disable();
  clearInterval(timer);
  return {
    p50: histogram.percentile(50) / 1e6,
    p99: histogram.percentile(99) / 1e6,
    max: histogram.max / 1e6,
    elapsed,
    ticks,
  };
}

async function measureWorkerPool(): Promise<string[]> {
  // calibrate: rounds that take ~500 ms on this machine
  const probe = performance.now();
  chainHashes(100_000);
  const rounds = Math.round((100_000 * 500) / (performance.now() - probe));
  const pool = new WorkerPool<typeof chainHashes>(new URL("./cpu-task.ts", import.meta.url), {
    maxThreads: 2,
    minThreads: 2,
  });
  await Promise.all([pool.run(10), pool.run(10)]); // threads started before the clock
  const rows: string[] = [];
  for (const [name, target] of [
    ["inline (on the event loop)", null],
    ["WorkerPool, 2 threads", pool],
  ] as const) {
    const runs: Awaited<ReturnType<typeof measureDelay>>[] = [];
    for (let i = 0; i < 3; i++) runs.push(await measureDelay(rounds, target));
    const median = (pick: (run: (typeof runs)[number]) => number) =>
      runs.map(pick).sort((a, b) => a - b)[1]!;
    rows.push(
      `| ${name} | ${median((r) => r.p50).toFixed(1)} | ${median((r) => r.p99).toFixed(1)} | ${median((r) => r.max).toFixed(1)} | ${median((r) => r.ticks)} | ${median((r) => r.elapsed).toFixed(0)} |`,
    );
  }
  await pool.close();
  rows.push(
    "",
    `Each task: ${rounds} chained SHA-256 rounds (calibrated to ~500 ms of CPU on this machine).`,
  );
  return rows;
}

const ws = await measureWebSockets();
const sse = await measureStreams();
const delay = await measureWorkerPool();

const body = `
## Memory per connection, event-loop delay with CPU work

Command: \`npx tsx bench/realtime/run.ts --sockets ${SOCKETS} --streams ${STREAMS}\` (${new Date().toISOString().slice(0, 10)})

${describeMachine(["ws", "piscina", "zod"]).join("\n")}

The server runs in its own process (\`node --import tsx --expose-gc bench/realtime/server.ts\`, src/ through tsx); the clients (the \`ws\` package, node:http) run in the benchmark process. Memory is read in the server after two full GCs, before the connections open (after a warm-up of 200 sockets / 50 streams that stay open) and once all of them are open; per-connection figures are the differences divided by the count. WebSockets use the default 20 s ping interval and no compression; the streams use the default 15 s keep-alive.

| connection | count | server RSS before (MiB) | server RSS after (MiB) | RSS per connection (KiB) | JS heap per connection (KiB) | external per connection (KiB) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${ws}
${sse}

### Event-loop delay while two CPU-heavy tasks run

\`monitorEventLoopDelay\` (1 ms resolution) over the time two tasks take, with a 5 ms interval timer standing in for requests the loop should keep answering; median of 3 runs.

| where the tasks run | delay p50 (ms) | delay p99 (ms) | delay max (ms) | 5 ms timer ticks | elapsed (ms) |
| --- | ---: | ---: | ---: | ---: | ---: |
${delay.join("\n")}
`;
writeSection(REPORT, "realtime", body);
console.log(body);
