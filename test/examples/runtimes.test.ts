import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../examples/runtimes/app.js";
import fetchEntry from "../../examples/runtimes/fetch.js";
import { type RunningServer, serve } from "../../src/index.js";
import {
  type RuntimeServer,
  runtimeCommand,
  startServerProcess,
} from "../server/runtime-process.js";

const TOKENS = 'data: {"index":0,"text":"token 0"}\n\ndata: {"index":1,"text":"token 1"}\n\n';

function checksServer(getUrl: () => string, client: string | RegExp): void {
  it("answers /health with the client's address", async () => {
    const body = (await (await fetch(`${getUrl()}/health`)).json()) as { client: string };
    expect(body.client).toMatch(client);
  });
  it("streams /tokens as server-sent events", async () => {
    const r = await fetch(`${getUrl()}/tokens?n=2`);
    expect(r.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await r.text()).toBe(TOKENS);
  });
}

describe("examples/runtimes: serve.ts on node", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(createApp(), { port: 0 });
  });
  afterAll(() => server.close());
  checksServer(() => server.url, /^127\.0\.0\.1$/);
});

for (const runtime of ["bun", "deno"] as const) {
  describe(`examples/runtimes: serve.ts on ${runtime}`, () => {
    let server: RuntimeServer;
    beforeAll(async () => {
      server = await startServerProcess(runtimeCommand(runtime, "examples/runtimes/serve.ts", []), {
        PORT: "0",
      });
    });
    afterAll(() => server?.stop());
    checksServer(() => server.url, /^127\.0\.0\.1$/);
  });
}

describe("examples/runtimes: fetch.ts", () => {
  it("answers a Request in-process, where no runtime passes a client address", async () => {
    const r = await fetchEntry.fetch(new Request("http://example.test/health"));
    expect(await r.json()).toEqual({ status: "ok", client: null });
  });

  describe("under `deno serve`", () => {
    let server: RuntimeServer;
    beforeAll(async () => {
      const [deno] = runtimeCommand("deno", "", []);
      server = await startServerProcess([
        deno!,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--allow-read",
        "--allow-env",
        "--allow-sys=hostname",
        "--sloppy-imports",
        "--no-lock",
        "examples/runtimes/fetch.ts",
      ]);
    });
    afterAll(() => server?.stop());
    checksServer(() => server.url, /^127\.0\.0\.1$/);
  });

  describe("as Bun's default export", () => {
    let server: RuntimeServer;
    beforeAll(async () => {
      const [bun] = runtimeCommand("bun", "", []);
      server = await startServerProcess([bun!, "examples/runtimes/fetch.ts"], { PORT: "0" });
      // Bun names "localhost", which may resolve to ::1 first
      (server as { url: string }).url = server.url.replace("localhost", "127.0.0.1");
    });
    afterAll(() => server?.stop());
    checksServer(() => server.url, /127\.0\.0\.1$/);
  });
});
