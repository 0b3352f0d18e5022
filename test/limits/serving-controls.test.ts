// Route options `concurrency` and `timeout`: 503 + Retry-After past the queue, 504 with
// ctx.signal aborted at the deadline, both in OpenAPI, counters for /ready.

import {
  App,
  Depends,
  dependency,
  EventSourceResponse,
  type RunningServer,
  serve,
  TestClient,
} from "tailor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe("concurrency", () => {
  it("serves `limit` at once, queues the next ones FIFO and answers 503 + Retry-After beyond", async () => {
    const app = new App();
    const started: number[] = [];
    const release = gate();
    app.get(
      "/work/{n}",
      { params: { n: z.number() }, concurrency: { limit: 2, queue: 2, retryAfter: 3 } },
      async ({ n }) => {
        started.push(n);
        await release.opened;
        return { n };
      },
    );
    const client = new TestClient(app);
    await client.start(); // so the requests reach the route in the order they were sent
    const pending = [0, 1, 2, 3].map((n) => client.get(`/work/${n}`));
    await sleep(20);
    expect(started).toEqual([0, 1]);
    const refused = await client.get("/work/4");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("3");
    expect(await refused.json()).toEqual({ detail: "Service Unavailable" });
    expect(app.servingStats().routes["GET /work/{n}"]).toEqual({
      active: 2,
      queued: 2,
      rejected: 1,
      timedOut: 0,
    });
    release.open();
    const answers = await Promise.all(pending);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(app.servingStats().routes["GET /work/{n}"]).toMatchObject({ active: 0, queued: 0 });
  });

  it("answers 503 to a request that waited queueTimeout ms", async () => {
    const app = new App();
    const release = gate();
    app.get("/slow", { concurrency: { limit: 1, queue: 5, queueTimeout: 30 } }, async () => {
      await release.opened;
      return "done";
    });
    const client = new TestClient(app);
    const first = client.get("/slow");
    await sleep(5);
    const waited = await client.get("/slow");
    expect(waited.status).toBe(503);
    expect(app.servingStats().routes["GET /slow"]).toMatchObject({ timedOut: 1, queued: 0 });
    release.open();
    expect((await first).status).toBe(200);
  });

  it("holds the slot until a streamed response has finished", async () => {
    const app = new App();
    const release = gate();
    app.get(
      "/stream",
      { responseClass: EventSourceResponse, concurrency: { limit: 1 } },
      async function* () {
        yield { part: 1 };
        await release.opened;
        yield { part: 2 };
      },
    );
    const server = await serve(app, { port: 0 });
    try {
      const first = await fetch(`${server.url}/stream`);
      const reader = first.body!.getReader();
      await reader.read();
      expect((await fetch(`${server.url}/stream`)).status).toBe(503);
      release.open();
      while (!(await reader.read()).done) {}
      expect(app.servingStats().routes["GET /stream"]!.active).toBe(0);
      expect((await fetch(`${server.url}/stream`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("applies the app's default to every route except those that opt out with null", async () => {
    const app = new App({ concurrency: { limit: 1 } });
    const release = gate();
    app.get("/a", {}, async () => {
      await release.opened;
      return "a";
    });
    app.get("/free", { concurrency: null }, async () => {
      await release.opened;
      return "free";
    });
    const client = new TestClient(app);
    const pending = [client.get("/a"), client.get("/free"), client.get("/free")];
    await sleep(10);
    expect((await client.get("/a")).status).toBe(503);
    expect((await client.get("/openapi.json")).status).toBe(200);
    release.open();
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(Object.keys(app.servingStats().routes)).toEqual(["GET /a"]);
  });
});

describe("timeout", () => {
  it("answers 504 and aborts ctx.signal within 50 ms of the deadline", async () => {
    const app = new App();
    let abortedAfter = -1;
    let reason: unknown;
    app.get("/hang", { timeout: 100 }, async (_args, ctx) => {
      const started = performance.now();
      await new Promise<void>((resolve) =>
        ctx.signal.addEventListener("abort", () => {
          abortedAfter = performance.now() - started;
          reason = ctx.signal.reason;
          resolve();
        }),
      );
      return "too late";
    });
    const client = new TestClient(app);
    // a plain 100 ms timer started beside the request: how late this loaded machine fires timers
    const sent = performance.now();
    let timerFiredAfter = -1;
    setTimeout(() => {
      timerFiredAfter = performance.now() - sent;
    }, 100);
    const r = await client.get("/hang");
    expect(r.status).toBe(504);
    expect(await r.json()).toEqual({ detail: "Gateway Timeout" });
    expect(abortedAfter).toBeGreaterThanOrEqual(99);
    // within 50 ms of the deadline, beyond what any timer of the process is late by
    expect(timerFiredAfter).toBeGreaterThan(0);
    expect(abortedAfter).toBeLessThan(Math.max(timerFiredAfter, 100) + 50);
    expect(reason).toMatchObject({ name: "DeadlineExceeded" });
    expect(app.servingStats().timedOut).toBe(1);
  });

  it("still tears down a handler's generator dependency when it finishes after its 504", async () => {
    const app = new App();
    const events: string[] = [];
    const connection = dependency({}, async function* () {
      events.push("opened");
      try {
        yield "db";
      } finally {
        events.push("closed");
      }
    });
    app.get("/stubborn", { params: { db: Depends(connection) }, timeout: 30 }, async () => {
      await sleep(120); // ignores ctx.signal
      events.push("handler done");
      return "late";
    });
    const server = await serve(app, { port: 0 });
    try {
      expect((await fetch(`${server.url}/stubborn`)).status).toBe(504);
      for (let i = 0; i < 50 && !events.includes("closed"); i++) await sleep(10);
      expect(events).toEqual(["opened", "handler done", "closed"]);
    } finally {
      await server.close();
    }
  });

  it("leaves a response that came in time untouched", async () => {
    const app = new App({ timeout: 1_000 });
    app.get("/quick", {}, async () => ({ ok: true }));
    const r = await new TestClient(app).get("/quick");
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
    expect(app.servingStats().timedOut).toBe(0);
  });

  it("ends a stream that is still running at the deadline", async () => {
    const app = new App();
    app.get(
      "/ticks",
      { responseClass: EventSourceResponse, timeout: 120 },
      async function* (_args, ctx) {
        for (let i = 0; !ctx.signal.aborted; i++) {
          yield { i };
          await sleep(50);
        }
      },
    );
    const server = await serve(app, { port: 0 });
    try {
      const started = performance.now();
      const body = await (await fetch(`${server.url}/ticks`)).text();
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(body.startsWith('data: {"i":0}\n\ndata: {"i":1}\n\n')).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe("documented and served over the wire", () => {
  let server: RunningServer;
  let app: App;
  beforeAll(async () => {
    app = new App();
    app.get(
      "/guarded",
      { concurrency: { limit: 1, queue: 1 }, timeout: 2_000 },
      async (_args, ctx) => {
        await sleep(300);
        return ctx.signal.aborted ? "late" : "ok";
      },
    );
    server = await serve(app, { port: 0 });
  });
  afterAll(() => server.close());

  it("documents 503 (with Retry-After) and 504 among the route's responses", () => {
    const responses = (app.openapi() as any).paths["/guarded"].get.responses;
    expect(Object.keys(responses)).toEqual(["200", "503", "504"]);
    expect(responses["503"].headers["Retry-After"].schema).toEqual({ type: "integer" });
    expect(responses["504"].description).toBe("Gateway Timeout: no response within 2000 ms");
  });

  it("serves one, queues one and refuses the rest of a burst on a real server", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () => fetch(`${server.url}/guarded`).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 503)).toHaveLength(4);
  });
});
