import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { App, Body, type RunningServer, serve, TestClient } from "../../src/index.js";
import { RawConnection } from "../integration/transports.js";

function createApp(options: ConstructorParameters<typeof App>[0] = {}): App {
  const app = new App(options);
  app.post("/echo", { params: { value: Body(z.unknown()) } }, ({ value }) => ({ value }));
  app.get("/hello", {}, () => ({ hello: "world" }));
  return app;
}

const json = (extra: Record<string, string> = {}) => ({
  headers: { "content-type": "application/json", ...extra },
  body: "{}",
});

describe("Content-Encoding of a request body", () => {
  const client = new TestClient(createApp());

  it.each(["gzip", "br", "deflate, identity", "x-unknown"])(
    "%s is 415 with Accept-Encoding, never parsed as plain JSON",
    async (coding) => {
      const response = await client.post("/echo", json({ "content-encoding": coding }));
      expect(response.status).toBe(415);
      expect(response.headers.get("accept-encoding")).toBe("identity");
      expect(await response.json()).toEqual({ detail: "Unsupported Content-Encoding" });
    },
  );

  it("identity (any case) is accepted", async () => {
    expect((await client.post("/echo", json({ "content-encoding": "Identity" }))).status).toBe(200);
  });

  it("contentEncodings lists what the app accepts", async () => {
    const gzipOk = new TestClient(
      createApp({ requestChecks: { contentEncodings: ["identity", "gzip"] } }),
    );
    expect((await gzipOk.post("/echo", json({ "content-encoding": "gzip" }))).status).not.toBe(415);
  });
});

describe("headers sent twice, on a real server", () => {
  let server: RunningServer;
  let lenient: RunningServer;
  beforeAll(async () => {
    server = await serve(createApp(), { port: 0 });
    lenient = await serve(createApp({ requestChecks: { uniqueHeaders: ["host"] } }), { port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await lenient.close();
  });

  async function send(port: number, head: string) {
    const connection = await RawConnection.open(port);
    try {
      connection.write(`${head}\r\n\r\n`);
      const response = await connection.response();
      return { response, closed: await connection.waitClosed(200) };
    } finally {
      connection.close();
    }
  }

  it.each([
    ["Host", "GET /hello HTTP/1.1\r\nHost: a\r\nhost: b"],
    ["Content-Type", "GET /hello HTTP/1.1\r\nHost: a\r\nContent-Type: a/b\r\nCONTENT-TYPE: c/d"],
    [
      "Authorization",
      "GET /hello HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b",
    ],
  ])("two %s lines are 400 and the connection closes", async (name, head) => {
    const { response, closed } = await send(server.port, head);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ detail: `Duplicate ${name} header` });
    expect(closed).toBe(true);
  });

  it("other repeated headers are fine", async () => {
    const { response } = await send(
      server.port,
      "GET /hello HTTP/1.1\r\nHost: a\r\nAccept: a\r\nAccept: b",
    );
    expect(response.status).toBe(200);
  });

  it("uniqueHeaders lists the headers that may appear once", async () => {
    const head = "GET /hello HTTP/1.1\r\nHost: a\r\nAuthorization: a\r\nAuthorization: b";
    expect((await send(lenient.port, head)).response.status).toBe(200);
  });
});
