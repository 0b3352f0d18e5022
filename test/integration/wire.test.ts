import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, serve } from "../../src/index.js";
import { createIntegrationApp } from "./app.js";
import { RawConnection } from "./transports.js";

let server: RunningServer;
const aborts: unknown[] = [];

beforeAll(async () => {
  server = await serve(createIntegrationApp({ onAbort: (reason) => aborts.push(reason) }), {
    port: 0,
  });
});
afterAll(() => server.close());

function get(path: string, extra = ""): string {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}\r\n`;
}

async function expectStillServing(): Promise<void> {
  const r = await fetch(`${server.url}/hello`);
  expect(r.status).toBe(200);
  expect(await r.text()).toBe('{"hello":"world"}');
}

function expectNoStack(body: string): void {
  expect(body).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/);
}

describe("node:http on the wire (raw sockets)", () => {
  it("answers two requests on one keep-alive connection", async () => {
    const conn = await RawConnection.open(server.port);
    conn.write(get("/hello?q=1"));
    const first = await conn.response();
    conn.write(get("/hello?q=2"));
    const second = await conn.response();
    expect([first.status, first.body]).toEqual([200, '{"hello":"1"}']);
    expect([second.status, second.body]).toEqual([200, '{"hello":"2"}']);
    expect(conn.closed).toBe(false);
    conn.close();
  });

  // FastAPI builds it from the Host header; a path cannot be redirected elsewhere by a forged Host
  it("writes the trailing-slash redirect Location as a path, whatever the Host header", async () => {
    const conn = await RawConnection.open(server.port);
    conn.write("GET /slash?x=1 HTTP/1.1\r\nHost: api.example.com\r\n\r\n");
    const r = await conn.response();
    expect(r.status).toBe(307);
    expect(r.headers.location).toBe("/slash/?x=1");
    expect(r.headers["content-length"]).toBe("0");
    expect(r.headers["content-type"]).toBeUndefined();
    conn.close();
  });

  it("a 204 has neither content-length nor body on the wire", async () => {
    const conn = await RawConnection.open(server.port);
    conn.write("DELETE /gone HTTP/1.1\r\nHost: x\r\n\r\n");
    const r = await conn.response();
    expect(r.status).toBe(204);
    expect(r.headers["content-length"]).toBeUndefined();
    expect(r.headers["transfer-encoding"]).toBeUndefined();
    conn.close();
  });

  it("streams a StreamingResponse with chunked transfer encoding", async () => {
    const conn = await RawConnection.open(server.port);
    conn.write(get("/stream"));
    const raw = await conn.until((text) => text.endsWith("0\r\n\r\n"));
    expect(raw).toMatch(/transfer-encoding: chunked/i);
    expect(raw).not.toMatch(/content-length/i);
    expect(raw).toContain("4\r\none\n\r\n");
    conn.close();
  });

  it.each([
    ["the default 1 MiB", "/upload", 1024 * 1024 + 10],
    ["a route's bodyLimit", "/small", 64],
  ])(
    "413 past %s: the connection is closed afterwards and the server still answers",
    async (_label, path, size) => {
      const conn = await RawConnection.open(server.port);
      conn.write(
        `POST ${path} HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: ${size}\r\n\r\n`,
      );
      conn.write(Buffer.alloc(Math.min(size, 4096), 0x20));
      const r = await conn.response();
      expect(r.status).toBe(413);
      expect(r.headers.connection).toBe("close");
      expect(r.body).toBe('{"detail":"Content Too Large"}');
      expect(await conn.waitClosed()).toBe(true);
      await expectStillServing();
    },
  );

  it("413 for a chunked body that grows past the limit", async () => {
    const conn = await RawConnection.open(server.port);
    conn.write(
      "POST /small HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
    );
    conn.write(`40\r\n${"x".repeat(64)}\r\n`);
    const r = await conn.response();
    expect(r.status).toBe(413);
    expect(await conn.waitClosed()).toBe(true);
    await expectStillServing();
  });

  it("ctx.signal aborts when the client disconnects mid-request", async () => {
    aborts.length = 0;
    const conn = await RawConnection.open(server.port);
    conn.write(get("/wait"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    conn.close();
    for (let i = 0; i < 100 && aborts.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(aborts).toHaveLength(1);
    await expectStillServing();
  });

  it.each([
    ["a malformed request line", "GARBAGE\r\n\r\n", [400]],
    ["a huge header", get("/hello", `x-big: ${"a".repeat(64 * 1024)}\r\n`), [431]],
    ["invalid percent-encoding in the path", get("/hello%zz"), [404]],
    ["invalid percent-encoding in the query", get("/hello?q=%E0%A4%A"), [200]],
    ["/%00", get("/%00"), [404]],
    ["a traversal path", get("/../../etc/passwd"), [404]],
    ["an encoded traversal path", get("/%2e%2e/%2e%2e/etc/passwd"), [404]],
    ["a traversal in a path segment", get("/slash/..%2f..%2fetc"), [404]],
  ])("%s gets a clean answer and the server still serves", async (_label, request, statuses) => {
    const conn = await RawConnection.open(server.port);
    conn.write(request);
    const r = await conn.response();
    expect(statuses).toContain(r.status);
    expectNoStack(r.body);
    conn.close();
    await expectStillServing();
  });

  it("clients that disconnect in the middle of a JSON body leave the server serving", async () => {
    for (let i = 0; i < 20; i++) {
      const conn = await RawConnection.open(server.port);
      conn.write(
        `POST /upload HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"name":`,
      );
      await new Promise((resolve) => setTimeout(resolve, 2));
      conn.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expectStillServing();
  });

  it("deeply nested JSON on the wire is a 422, and the server still serves", async () => {
    const body = "[".repeat(100_000);
    const conn = await RawConnection.open(server.port);
    conn.write(
      `POST /any-json HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
    );
    const r = await conn.response();
    expect(r.status).toBe(422);
    expectNoStack(r.body);
    conn.close();
    await expectStillServing();
  });
});

describe("request targets", () => {
  it("reduces an absolute-form target to its path and query, as origin-form", async () => {
    const { requestTarget } = await import("../../src/server/serve.js");
    expect(requestTarget("http://example.com/items/1?q=x")).toBe("/items/1?q=x");
    expect(requestTarget("https://example.com")).toBe("/");
    expect(requestTarget("http://example.com?q=x")).toBe("/?q=x");
    expect(requestTarget("/plain?x=1")).toBe("/plain?x=1");
    expect(requestTarget("*")).toBe("*");
    expect(requestTarget(undefined)).toBe("/");
  });

  it("routes an absolute-form request line on the wire", async () => {
    const conn = await RawConnection.open(server.port);
    conn.write(get("http://127.0.0.1/hello?q=abs"));
    const answer = await conn.response();
    expect([answer.status, answer.body]).toEqual([200, '{"hello":"abs"}']);
    conn.close();
  });
});
