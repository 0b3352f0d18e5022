// Generator handlers with responseClass: EventSourceResponse stream typed server-sent events.

import {
  App,
  EventSourceResponse,
  Query,
  type RunningServer,
  ServerSentEvent,
  serve,
  TestClient,
} from "tailor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { withKeepAlive } from "../../src/responses/keep-alive.js";

const Token = z.object({ index: z.number().int(), text: z.string() }).meta({ id: "Token" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function makeApp() {
  const app = new App();
  app.get("/tokens", { response: Token, responseClass: EventSourceResponse }, async function* () {
    yield { index: 0, text: "Hel", secret: "dropped by the schema" };
    yield { index: 1, text: "lo" };
  });
  app.post(
    "/events",
    {
      params: { resume: Query(z.string().optional()) },
      response: Token,
      responseClass: EventSourceResponse,
    },
    async function* ({ resume }) {
      yield new ServerSentEvent({ comment: "start" });
      yield new ServerSentEvent({
        event: "token",
        data: { index: 0, text: resume ?? "a" },
        id: 1,
        retry: 3000,
      });
      yield new ServerSentEvent({ rawData: "[DONE]" });
    },
  );
  app.get("/untyped", { responseClass: EventSourceResponse }, function* () {
    yield "multi\nline";
    yield [1, 2];
  });
  app.get("/invalid", { response: Token, responseClass: EventSourceResponse }, async function* () {
    yield { index: 0, text: "ok" };
    yield { index: "not a number", text: "bad" } as never;
    yield { index: 2, text: "never sent" };
  });
  app.get(
    "/slow",
    { response: Token, responseClass: EventSourceResponse, keepAlive: 40 },
    async function* () {
      yield { index: 0, text: "a" };
      await sleep(150);
      yield { index: 1, text: "b" };
    },
  );
  return app;
}

describe("typed server-sent events from a generator handler", () => {
  const client = new TestClient(makeApp());

  it("sends each item validated and filtered as `data: <compact JSON>`, with the SSE headers", async () => {
    const r = await client.get("/tokens");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(r.headers.get("cache-control")).toBe("no-cache");
    expect(r.headers.get("x-accel-buffering")).toBe("no");
    expect(await r.text()).toBe(
      'data: {"index":0,"text":"Hel"}\n\ndata: {"index":1,"text":"lo"}\n\n',
    );
  });

  it("keeps a ServerSentEvent's comment, event, id and retry, validating its data", async () => {
    const r = await client.post("/events?resume=0");
    expect(await r.text()).toBe(
      ': start\n\nevent: token\ndata: {"index":0,"text":"0"}\nid: 1\nretry: 3000\n\ndata: [DONE]\n\n',
    );
  });

  it("JSON-encodes untyped items, a newline staying inside the JSON string", async () => {
    expect(await (await client.get("/untyped")).text()).toBe(
      'data: "multi\\nline"\n\ndata: [1,2]\n\n',
    );
  });

  it("ends the stream at an item that does not fit the schema", async () => {
    const app = makeApp();
    const r = await new TestClient(app).get("/invalid");
    expect(r.status).toBe(200);
    await expect(r.text()).rejects.toThrow();
  });

  it("documents the item schema as FastAPI 0.135+ does: an event whose data holds the model", () => {
    const doc = makeApp().openapi() as any;
    expect(doc.paths["/tokens"].get.responses["200"].content).toEqual({
      "text/event-stream": {
        itemSchema: {
          type: "object",
          properties: {
            data: {
              type: "string",
              contentMediaType: "application/json",
              contentSchema: { $ref: "#/components/schemas/Token" },
            },
            event: { type: "string" },
            id: { type: "string" },
            retry: { type: "integer", minimum: 0 },
          },
          required: ["data"],
        },
      },
    });
    expect(
      doc.paths["/untyped"].get.responses["200"].content["text/event-stream"].itemSchema,
    ).toEqual({
      type: "object",
      properties: {
        data: { type: "string" },
        event: { type: "string" },
        id: { type: "string" },
        retry: { type: "integer", minimum: 0 },
      },
    });
  });
});

describe("server-sent events on a real server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(makeApp(), { port: 0 });
  });
  afterAll(() => server.close());

  it("streams the same frames with the SSE headers", async () => {
    const r = await fetch(`${server.url}/tokens`);
    expect(r.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(r.headers.get("x-accel-buffering")).toBe("no");
    expect(await r.text()).toBe(
      'data: {"index":0,"text":"Hel"}\n\ndata: {"index":1,"text":"lo"}\n\n',
    );
  });

  it("sends `: ping` comments while the generator is idle, and none once it is done", async () => {
    const body = await (await fetch(`${server.url}/slow`)).text();
    const frames = body.split("\n\n").filter((frame) => frame !== "");
    expect(frames[0]).toBe('data: {"index":0,"text":"a"}');
    expect(frames.at(-1)).toBe('data: {"index":1,"text":"b"}');
    const pings = frames.slice(1, -1);
    expect(pings.length).toBeGreaterThanOrEqual(2);
    expect(new Set(pings)).toEqual(new Set([": ping"]));
  });
});

describe("withKeepAlive", () => {
  it("asks the source for each frame once, however many pings happen meanwhile", async () => {
    let calls = 0;
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          calls++;
          await sleep(60);
          return calls > 2 ? { done: true, value: undefined } : { done: false, value: `f${calls}` };
        },
      }),
    };
    const out: string[] = [];
    for await (const frame of withKeepAlive(source, 25)) out.push(frame);
    expect(out.filter((frame) => frame !== ": ping\n\n")).toEqual(["f1", "f2"]);
    expect(out.length).toBeGreaterThan(2);
    expect(calls).toBe(3);
  });

  it("keeps a frame that arrives after a ping for the next call, without asking again", async () => {
    let calls = 0;
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          calls++;
          await sleep(60);
          return { done: false, value: `f${calls}` };
        },
      }),
    };
    const it = withKeepAlive(source, 25)[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: ": ping\n\n" });
    await sleep(100); // the frame arrives while nobody waits for it
    expect(await it.next()).toEqual({ done: false, value: "f1" });
    expect(calls).toBe(1);
    await it.return?.();
  });

  it("rejects the next call with a source error that came after a ping", async () => {
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          await sleep(60);
          throw new Error("upstream gone");
        },
      }),
    };
    const it = withKeepAlive(source, 25)[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: ": ping\n\n" });
    await sleep(100);
    await expect(it.next()).rejects.toThrow("upstream gone");
  });

  it("counts idleness from each call: a slow consumer between frames gets no ping", async () => {
    let calls = 0;
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: async () =>
          ++calls > 3 ? { done: true, value: undefined } : { done: false, value: `f${calls}` },
      }),
    };
    const out: string[] = [];
    for await (const frame of withKeepAlive(source, 25)) {
      out.push(frame);
      await sleep(60); // longer than the interval, but no frame is being waited for
    }
    expect(out).toEqual(["f1", "f2", "f3"]);
  });

  it("leaves the stream as it is with an interval of 0", () => {
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }),
    };
    expect(withKeepAlive(source, 0)).toBe(source);
  });
});
