import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { App, Body, type RunningServer, serve } from "../../src/index.js";
import { RawConnection } from "../integration/transports.js";

let server: RunningServer;
beforeAll(async () => {
  const app = new App();
  app.get("/hello", {}, () => ({ hello: "world" }));
  app.get("/slow", {}, async () => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    return { slow: true };
  });
  app.post("/echo", { params: { value: Body(z.unknown()) } }, ({ value }) => ({ value }));
  server = await serve(app, { port: 0 });
});
afterAll(() => server.close());

/** Writes bytes on a fresh connection and reads everything until the server closes it. */
async function untilClosed(bytes: string): Promise<string> {
  const connection = await RawConnection.open(server.port);
  connection.write(bytes);
  const text = await connection.until(() => false);
  expect(connection.closed).toBe(true);
  return text;
}

// uvicorn (httptools and h11 alike) answers a request its parser refuses with this 400
const UVICORN_400 =
  /^HTTP\/1\.1 400 Bad Request\r\ndate: [^\r]+ GMT\r\ncontent-type: text\/plain; charset=utf-8\r\ncontent-length: 30\r\nconnection: close\r\n\r\nInvalid HTTP request received\.$/;

describe("requests node's parser refuses, answered as uvicorn does", () => {
  it.each([
    ["a malformed request line", "GET /hello HTTP/1.1 garbage\r\nHost: x\r\n\r\n"],
    ["a header line without a colon", "GET /hello HTTP/1.1\r\nHost: x\r\nbroken\r\n\r\n"],
    [
      "bad chunked framing",
      "POST /hello HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ],
    [
      "Content-Length with Transfer-Encoding",
      "POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ],
  ])("%s: 400 Invalid HTTP request received., then close", async (_label, bytes) => {
    expect(await untilClosed(bytes)).toMatch(UVICORN_400);
  });

  // uvicorn reads the next request only after answering one: the good ones come back first
  it.each(["/hello", "/slow"])(
    "pipelined requests to %s before garbage are answered, then the garbage gets the 400",
    async (path) => {
      const good = `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;
      const text = await untilClosed(`${good}${good}GARBAGE / HTTP/1.1\r\nHost: x\r\n\r\n`);
      const parts = text.split(/(?=HTTP\/1\.1 )/);
      expect(parts.map((part) => part.slice(0, 12))).toEqual([
        "HTTP/1.1 200",
        "HTTP/1.1 200",
        "HTTP/1.1 400",
      ]);
      expect(parts[2]).toMatch(UVICORN_400);
    },
  );

  it("a chunked body that breaks while its route reads it is answered at once, not awaited", async () => {
    const text = await untilClosed(
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{"a\r\nzz\r\n',
    );
    expect(text).toMatch(UVICORN_400);
  });

  it("a head past 16 KiB keeps node's 431", async () => {
    const text = await untilClosed(
      `GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    expect(text).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });
});

describe("an HTTP/1.1 request without Host, answered as uvicorn (h11) does", () => {
  it("is the 400 Invalid HTTP request received., then close", async () => {
    expect(await untilClosed("GET /hello HTTP/1.1\r\n\r\n")).toMatch(UVICORN_400);
  });

  it("with a body, is the same 400 and the route never runs", async () => {
    const text = await untilClosed(
      "POST /echo HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
    );
    expect(text).toMatch(UVICORN_400);
  });

  it("comes after the pipelined requests before it", async () => {
    const good = "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n";
    const text = await untilClosed(`${good}GET /hello HTTP/1.1\r\n\r\n${good}`);
    const parts = text.split(/(?=HTTP\/1\.1 )/);
    expect(parts.map((part) => part.slice(0, 12))).toEqual(["HTTP/1.1 200", "HTTP/1.1 400"]);
    expect(parts[1]).toMatch(UVICORN_400);
  });

  it("HTTP/1.0 needs no Host", async () => {
    const text = await untilClosed("GET /hello HTTP/1.0\r\n\r\n");
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text.endsWith('{"hello":"world"}')).toBe(true);
  });
});
