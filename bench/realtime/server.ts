// The server side of bench/realtime/run.ts: one Tailor app in its own process, serving idle
// WebSockets or idle event streams, reporting its memory (after a full GC) over IPC.
import { App, EventSourceResponse, serve } from "../../src/index.js";

const app = new App();

// a connected socket that waits: what a chat or notification client mostly is
app.websocket("/idle", {}, async (ws) => {
  await ws.accept();
  await ws.sendText("ready");
  for await (const _message of ws) {
    // nothing arrives during the benchmark
  }
});

// an event stream that sent its first event and waits for the next: a token stream between tokens
app.get("/events", { responseClass: EventSourceResponse }, async function* (_args, ctx) {
  yield { ready: true };
  await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
});

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with --expose-gc");

const server = await serve(app, { port: 0 });
server.server.maxConnections = 20_000;

process.on("message", (message: string) => {
  if (message === "memory") {
    gc();
    gc();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    process.send!({ rss, heapUsed, external, arrayBuffers });
  } else if (message === "stop") {
    void server.close().then(() => process.exit(0));
  }
});
process.send!({ port: server.port });
