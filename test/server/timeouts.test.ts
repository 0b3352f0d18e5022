import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { App, Body } from "../../src/index.js";
import { logger } from "../../src/logging/logger.js";
import { type RunningServer, serve } from "../../src/server/serve.js";
import { resolveTimeouts } from "../../src/server/timeouts.js";
import { get, openRaw, sleep } from "./helpers.js";

const app = new App();
app.get("/health", {}, () => ({ status: "ok" }));
app.post("/echo", { params: { item: Body(z.object({ a: z.string() })) } }, ({ item }) => item);
// reads no body: slow after the request has fully arrived
app.post("/slow", {}, async () => {
  await sleep(1_200);
  return { done: true };
});

let server: RunningServer;
beforeAll(async () => {
  logger.configure({ level: "silent" });
  server = await serve(app, {
    port: 0,
    headersTimeout: 1,
    bodyTimeout: 0.5,
    requestTimeout: 2,
    keepAliveTimeout: 0.5,
    accessLog: false,
  });
});
afterAll(() => server.close());

describe("serve() against slow clients", () => {
  it("keeps /health answering within a second while 200 sockets trickle headers, and closes them after the headers timeout", async () => {
    const sockets = await Promise.all(Array.from({ length: 200 }, () => openRaw(server.port)));
    for (const raw of sockets) raw.socket.write("GET /health HTTP/1.1\r\nHost: x\r\n");
    const trickle = setInterval(() => {
      for (const raw of sockets) if (!raw.socket.destroyed) raw.socket.write("X-Slow: 1\r\n");
    }, 150);
    try {
      const latencies: number[] = [];
      for (let i = 0; i < 8; i++) {
        const start = performance.now();
        const response = await get(`http://127.0.0.1:${server.port}/health`);
        latencies.push(performance.now() - start);
        expect(response.status).toBe(200);
        await sleep(100);
      }
      expect(Math.max(...latencies)).toBeLessThan(1_000);
      const closedAfter = await Promise.all(sockets.map((raw) => raw.closed));
      // headers timeout 1 s, checked every 250 ms; generous margin for a loaded machine
      expect(Math.min(...closedAfter)).toBeGreaterThan(900);
      expect(Math.max(...closedAfter)).toBeLessThan(4_000);
      expect(sockets[0]!.received()).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
  }, 20_000);

  it("cuts a request whose body stalls longer than the body timeout", async () => {
    const raw = await openRaw(server.port);
    raw.socket.write(
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{"a":',
    );
    const closedAfter = await raw.closed;
    expect(closedAfter).toBeGreaterThan(400);
    expect(closedAfter).toBeLessThan(1_800);
    expect(raw.received()).toBe("");
  });

  it("cuts a body that keeps trickling once the whole-request timeout is reached", async () => {
    const raw = await openRaw(server.port);
    raw.socket.write(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n",
    );
    // one byte every 150 ms: never idle for the body timeout, never done
    const trickle = setInterval(() => raw.socket.write(" "), 150);
    const closedAfter = await raw.closed;
    clearInterval(trickle);
    expect(closedAfter).toBeGreaterThan(1_800);
    expect(closedAfter).toBeLessThan(4_000);
  }, 10_000);

  it("lets a handler take longer than the body timeout once the body has arrived", async () => {
    const response = await get(
      `http://127.0.0.1:${server.port}/slow`,
      { "content-type": "application/json" },
      "POST",
      '{"ignored": true}',
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ done: true });
  });

  it("closes an idle kept-alive connection after the keep-alive timeout", async () => {
    const raw = await openRaw(server.port);
    raw.socket.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    await raw.waitFor('{"status":"ok"}');
    expect(raw.received()).toMatch(/keep-alive: timeout=0/i);
    const closedAfter = await raw.closed;
    expect(closedAfter).toBeGreaterThan(400);
    expect(closedAfter).toBeLessThan(2_000);
  });
});

describe("the body timeout's timer", () => {
  /** the timeouts set on the sockets of a server with a 0.7 s body timeout, per request sent */
  async function timersFor(send: (raw: Awaited<ReturnType<typeof openRaw>>) => Promise<void>) {
    const own = await serve(app, { port: 0, bodyTimeout: 0.7, accessLog: false });
    const timeouts: number[] = [];
    own.server.on("connection", (socket: Socket) => {
      const setTimeout = socket.setTimeout.bind(socket);
      socket.setTimeout = ((ms: number) => {
        timeouts.push(ms);
        return setTimeout(ms);
      }) as typeof socket.setTimeout;
    });
    const raw = await openRaw(own.port);
    await send(raw);
    raw.socket.destroy();
    await own.close();
    return timeouts;
  }
  const head =
    "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n";

  it("is never armed for a body that arrives with its head", async () => {
    const timeouts = await timersFor(async (raw) => {
      raw.socket.write(`${head}{"a":"b"}`);
      await raw.waitFor('{"a":"b"}');
    });
    expect(timeouts).not.toContain(700);
  });

  it("is armed while a body is still arriving, and cleared once it has", async () => {
    const timeouts = await timersFor(async (raw) => {
      raw.socket.write(head);
      await sleep(50);
      raw.socket.write('{"a":"b"}');
      await raw.waitFor('{"a":"b"}');
    });
    expect(timeouts.slice(0, 2)).toEqual([700, 0]);
  });
});

describe("resolveTimeouts", () => {
  it("checks node's timeouts every second, or a quarter of a shorter timeout", () => {
    expect(resolveTimeouts({}).checkIntervalMs).toBe(1_000);
    expect(resolveTimeouts({ headersTimeout: 1 }).checkIntervalMs).toBe(250);
    expect(resolveTimeouts({}).headersMs).toBe(30_000);
    expect(resolveTimeouts({}).bodyMs).toBe(30_000);
    expect(resolveTimeouts({}).keepAliveMs).toBe(5_000);
  });

  it("refuses a negative timeout and a headers timeout longer than the request timeout", () => {
    expect(() => resolveTimeouts({ bodyTimeout: -1 })).toThrow(/bodyTimeout/);
    expect(() => resolveTimeouts({ headersTimeout: 10, requestTimeout: 5 })).toThrow(
      /headersTimeout must not be longer/,
    );
  });
});
