import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type RunningServer, serve, TestClient } from "../../src/index.js";
import { createRuntimeApp } from "./runtime-app.js";
import { type Runtime, type RuntimeServer, startRuntimeServer } from "./runtime-process.js";

type Transport = "TestClient" | "node:http" | Runtime;
type Fetch = (path: string, init?: RequestInit) => Promise<Response>;
/** the server's base URL, for the transports that have one */
type BaseUrl = (() => string) | null;
/** stops the server gracefully (SIGTERM for a child process) */
type Stop = (() => Promise<void>) | null;

/** What a WebSocket client saw: messages (text, or bytes as arrays) and the close. */
function talk(
  url: string,
  send: (string | Uint8Array)[],
  onFirstMessage: () => void = () => {},
): Promise<{ got: unknown[]; code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const got: unknown[] = [];
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      got.push(isBinary ? [...data] : data.toString());
      if (got.length === 1) onFirstMessage();
      const next = send.shift();
      if (next !== undefined) socket.send(next);
    });
    socket.on("close", (code, reason) => resolve({ got, code, reason: reason.toString() }));
    socket.on("error", reject);
  });
}

/**
 * Runs the same cases on the in-process TestClient, on node:http, and on real Bun and Deno
 * processes serving the app with serve() (their native servers): one behaviour everywhere.
 */
function describeEveryRuntime(
  cases: (transport: Transport, request: () => Fetch, baseUrl: BaseUrl, stop: Stop) => void,
): void {
  describe("[TestClient]", () => {
    const client = new TestClient(createRuntimeApp());
    const request: Fetch = async (path, init = {}) => {
      // the same RequestInit the real transports get, read back as TestClient options
      const web = new Request(new URL(path, client.baseUrl), init);
      const body = init.body === undefined ? undefined : new Uint8Array(await web.arrayBuffer());
      return client.request(web.method, path, {
        headers: Object.fromEntries(web.headers),
        body,
        signal: init.signal ?? undefined,
      });
    };
    cases("TestClient", () => request, null, null);
  });
  describe("[node:http]", () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await serve(createRuntimeApp(), { port: 0 });
    });
    afterAll(() => server.close());
    cases(
      "node:http",
      () => (path, init) => fetch(`${server.url}${path}`, { redirect: "manual", ...init }),
      () => server.url,
      () => server.close(),
    );
  });
  for (const runtime of ["bun", "deno"] as const) {
    describe(`[${runtime}]`, () => {
      let server: RuntimeServer;
      beforeAll(async () => {
        server = await startRuntimeServer(
          runtime,
          "test/server/runtime-app.ts",
          "createRuntimeApp",
        );
        expect(JSON.parse(server.ready).runtime).toBe(runtime);
      });
      afterAll(() => server?.stop());
      cases(
        runtime,
        () => (path, init) => fetch(`${server.url}${path}`, { redirect: "manual", ...init }),
        () => server.url,
        () => server.stop(),
      );
    });
  }
}

async function events(request: Fetch): Promise<string[]> {
  return ((await (await request("/events")).json()) as { events: string[] }).events;
}

describe("one app on every runtime", () => {
  describeEveryRuntime((transport, request, baseUrl, stop) => {
    const real = transport !== "TestClient";

    it("routes with path and query params coerced, and answers JSON with a content-length", async () => {
      const r = await request()("/items/42?q=abc&limit=20");
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe("application/json");
      expect(r.headers.get("content-length")).toBe("35");
      expect(await r.text()).toBe('{"item_id":42,"q":"abc","limit":20}');
    });

    it("answers 404, 405 with Allow, and 307 to the slash-toggled path", async () => {
      const missing = await request()("/nope");
      expect([missing.status, await missing.json()]).toEqual([404, { detail: "Not Found" }]);
      const wrong = await request()("/items/1", { method: "PUT" });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get("allow")).toBe("GET");
      expect(await wrong.json()).toEqual({ detail: "Method Not Allowed" });
      const moved = await request()("/slash?x=1");
      expect(moved.status).toBe(307);
      expect(moved.headers.get("location")).toBe("/slash/?x=1");
    });

    it("frames HEAD and 204 answers without a body", async () => {
      const head = await request()("/items/1", { method: "HEAD" });
      expect(head.status).toBe(405);
      expect(head.headers.get("content-length")).toBe("31");
      expect(await head.text()).toBe("");
      const gone = await request()("/gone", { method: "DELETE" });
      expect(gone.status).toBe(204);
      expect(gone.headers.has("content-length")).toBe(false);
      expect(await gone.text()).toBe("");
    });

    it("reports every invalid param together in FastAPI's 422 body", async () => {
      const r = await request()("/items/abc?q=toolong&limit=0");
      expect(r.status).toBe(422);
      const body = (await r.json()) as { detail: { type: string; loc: unknown[] }[] };
      expect(body.detail.map((d) => [d.type, d.loc])).toEqual([
        ["int_parsing", ["path", "item_id"]],
        ["string_too_long", ["query", "q"]],
        ["greater_than_equal", ["query", "limit"]],
      ]);
    });

    it("validates a JSON body, filters the response model and answers 201", async () => {
      const ok = await request()("/items", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "Widget", price: 2 }),
      });
      expect([ok.status, await ok.json()]).toEqual([201, { name: "Widget", price: 2 }]);
      const bad = await request()("/items", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"name": "x",',
      });
      expect(bad.status).toBe(422);
      expect(((await bad.json()) as { detail: { type: string }[] }).detail[0]!.type).toBe(
        "json_invalid",
      );
    });

    it("answers 413 past a route's body limit", async () => {
      const r = await request()("/small", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "a long enough name", price: 1 }),
      });
      expect([r.status, await r.json()]).toEqual([413, { detail: "Content Too Large" }]);
    });

    it("solves dependencies, sends two cookies, then runs teardown and background work", async () => {
      const refused = await request()("/secure", { headers: { "x-api-key": "wrong" } });
      expect([refused.status, await refused.json()]).toEqual([401, { detail: "Invalid API key" }]);
      const r = await request()("/secure", { headers: { "x-api-key": "secret" } });
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ key: "secret", session: 7 });
      expect(r.headers.getSetCookie()).toEqual([
        "a=1; Path=/; SameSite=lax",
        "b=2; Path=/; SameSite=lax",
      ]);
      await expect
        .poll(() => events(request()))
        .toEqual(expect.arrayContaining(["session open", "session closed", "background ran"]));
    });

    it("ran the lifespan's startup, and knows the client's address and the scheme", async () => {
      const r = await request()("/whoami");
      expect(await r.json()).toEqual({
        client: real ? "127.0.0.1" : "testclient",
        scheme: "http",
        path: "/whoami",
        greeting: "hi",
      });
      expect((await events(request()))[0]).toBe("startup");
    });

    it("streams chunks without a content-length, and server-sent events", async () => {
      const r = await request()("/stream");
      expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(r.headers.has("content-length")).toBe(false);
      expect(await r.text()).toBe("one\ntwo\nthree\n");
      const sse = await request()("/sse");
      expect(sse.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(await sse.text()).toBe('data: {"i":0}\n\ndata: {"i":1}\n\ndata: {"i":2}\n\n');
    });

    it("stops an endless stream and aborts ctx.signal when the client goes away", async () => {
      const controller = new AbortController();
      const r = await request()("/endless", { signal: controller.signal });
      const reader = r.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toMatch(/^tick 0\n/);
      controller.abort();
      await reader.cancel().catch(() => {});
      await expect
        .poll(() => events(request()), { timeout: 5000 })
        .toEqual(expect.arrayContaining(["endless stopped", ...(real ? ["endless aborted"] : [])]));
    });

    if (baseUrl !== null) {
      it("serves a WebSocket route: greeting, text and binary echo, a close code of its own", async () => {
        const ws = `${baseUrl().replace("http", "ws")}/ws/echo?name=ann`;
        const seen = await talk(ws, ["hi", new Uint8Array([1, 2, 3]), "bye"]);
        expect(seen).toEqual({
          got: ["hello ann", "echo hi", [3, 2, 1]],
          code: 4000,
          reason: "bye yourself",
        });
        await expect.poll(() => events(request())).toContain("ws done");
      });

      it("holds a WebSocket's sends while the client does not read, and sends all once it does", async () => {
        const socket = new WebSocket(`${baseUrl().replace("http", "ws")}/ws/flood`);
        let received = 0;
        const closed = new Promise<number>((resolve, reject) => {
          socket.on("message", (data: Buffer) => {
            received += data.byteLength;
          });
          socket.on("close", resolve);
          socket.on("error", reject);
        });
        // stop reading as soon as the handshake is done: the server's sends back up
        await new Promise((resolve) => socket.once("open", resolve));
        const tcp = (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
        tcp.pause();
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(await events(request())).not.toContain("flood sent");
        tcp.resume();
        expect(await closed).toBe(1000);
        expect(received).toBe(64 * 512 * 1024);
        await expect.poll(() => events(request())).toContain("flood sent");
      });

      it("sends empty frames, and closes with 1009 a message over the route's size limit", async () => {
        const socket = new WebSocket(`${baseUrl().replace("http", "ws")}/ws/tiny`);
        const got: string[] = [];
        const code = new Promise<number>((resolve, reject) => {
          socket.on("message", (data: Buffer) => {
            got.push(data.toString());
            if (got.length === 2) socket.send("123456789"); // 9 bytes: one past the limit
          });
          socket.on("close", resolve);
          socket.on("error", reject);
        });
        socket.once("open", () => socket.send("12345678"));
        expect(await code).toBe(1009);
        expect(got).toEqual(["got 12345678", ""]);
      });

      it("takes a 17 MiB WebSocket message on a route whose limit is 20 MiB", async () => {
        const seen = await new Promise<string>((resolve, reject) => {
          const socket = new WebSocket(`${baseUrl().replace("http", "ws")}/ws/large`);
          socket.once("open", () => socket.send(new Uint8Array(17 * 1024 * 1024)));
          socket.once("message", (data: Buffer) => {
            resolve(data.toString());
            socket.close();
          });
          socket.once("close", (code) => reject(new Error(`closed with ${code}`)));
          socket.on("error", reject);
        });
        expect(seen).toBe(`size ${17 * 1024 * 1024}`);
      });

      it("closes a WebSocket whose handshake fails validation with 1008", async () => {
        const seen = await talk(`${baseUrl().replace("http", "ws")}/ws/echo?name=a`, []);
        expect([seen.got, seen.code]).toEqual([[], 1008]);
      });
    }

    it("reads urlencoded forms and multipart uploads", async () => {
      const login = await request()("/login", {
        method: "POST",
        body: new URLSearchParams({ username: "ann", password: "pass" }),
      });
      expect([login.status, await login.json()]).toEqual([200, { username: "ann" }]);
      const short = await request()("/login", {
        method: "POST",
        body: new URLSearchParams({ username: "ann", password: "x" }),
      });
      expect(short.status).toBe(422);
      const form = new FormData();
      form.append("file", new Blob(["hello file"], { type: "text/plain" }), "hello.txt");
      form.append("note", "n1");
      const upload = await request()("/upload", { method: "POST", body: form });
      expect(await upload.json()).toEqual({
        filename: "hello.txt",
        content_type: "text/plain",
        size: 10,
        text: "hello file",
        note: "n1",
      });
    });

    if (stop !== null) {
      // last: it stops the server
      it("closes open WebSockets with 1001 when the server shuts down", async () => {
        const ws = `${baseUrl!().replace("http", "ws")}/ws/echo?name=ann`;
        let greeted!: () => void;
        const greeting = new Promise<void>((resolve) => {
          greeted = resolve;
        });
        const seen = talk(ws, [], greeted);
        await greeting;
        await stop();
        expect(await seen).toEqual({
          got: ["hello ann"],
          code: 1001,
          reason: "Server shutting down",
        });
      });
    }
  });
});
