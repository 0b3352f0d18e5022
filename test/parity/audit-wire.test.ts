import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { App, HTTPException, JSONResponse, type RunningServer, serve } from "../../src/index.js";

/** §16: what uvicorn puts on the wire around FastAPI's responses. */
function createApp(): App {
  const app = new App({ logger: { error: () => {} } });
  app.get("/items/{item_id}", { params: { item_id: z.number().int() } }, ({ item_id }) => ({
    item_id,
  }));
  app.get("/slash/", {}, () => ({ slash: true }));
  app.get("/teapot", {}, () => {
    throw new HTTPException(418);
  });
  app.get(
    "/status/{code}",
    { params: { code: z.number().int() } },
    ({ code }) => new JSONResponse({}, { status: code }),
  );
  app.get("/boom", {}, () => {
    throw new Error("boom");
  });
  return app;
}

let server: RunningServer;
beforeAll(async () => {
  server = await serve(createApp(), { port: 0 });
});
afterAll(() => server.close());

/** Sends one raw request and splits the answer into status line, lowercased headers and body. */
function send(method: string, path: string, host = "api.example.com") {
  const { port } = new URL(server.url);
  return new Promise<{ statusLine: string; headers: Map<string, string>; body: string }>(
    (resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () =>
        socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
      );
      let text = "";
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
      });
      socket.on("error", reject);
      socket.on("end", () => {
        const split = text.indexOf("\r\n\r\n");
        const [statusLine = "", ...lines] = text.slice(0, split).split("\r\n");
        const headers = new Map<string, string>();
        for (const line of lines) {
          const colon = line.indexOf(":");
          headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
        }
        resolve({ statusLine, headers, body: text.slice(split + 4) });
      });
    },
  );
}

describe("§16 on the wire", () => {
  it.each([
    ["GET", "/items/x", "HTTP/1.1 422 Unprocessable Content"],
    ["DELETE", "/items/1", "HTTP/1.1 405 Method Not Allowed"],
    ["GET", "/slash", "HTTP/1.1 307 Temporary Redirect"],
    ["GET", "/nope", "HTTP/1.1 404 Not Found"],
    ["GET", "/teapot", "HTTP/1.1 418 I'm a Teapot"],
    ["GET", "/boom", "HTTP/1.1 500 Internal Server Error"],
    ["GET", "/items/1", "HTTP/1.1 200 OK"],
    // a status Python's http.HTTPStatus does not name: uvicorn leaves the reason phrase empty
    ["GET", "/status/509", "HTTP/1.1 509 "],
    ["GET", "/status/599", "HTTP/1.1 599 "],
  ])("%s %s has the status line %s", async (method, path, statusLine) => {
    expect((await send(method, path)).statusLine).toBe(statusLine);
  });

  it("every response carries a date header, as uvicorn adds", async () => {
    const { headers } = await send("GET", "/items/1");
    expect(headers.get("date")).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it("connection: close is echoed when the client asks for it", async () => {
    const { headers } = await send("GET", "/items/1");
    expect(headers.get("connection")).toBe("close");
  });

  it("HEAD on a GET route: 405, allow GET, content-length 31 and no body", async () => {
    const { statusLine, headers, body } = await send("HEAD", "/items/1");
    expect(statusLine).toBe("HTTP/1.1 405 Method Not Allowed");
    expect(headers.get("allow")).toBe("GET");
    expect(headers.get("content-length")).toBe("31");
    expect(headers.get("content-type")).toBe("application/json");
    expect(body).toBe("");
  });

  it("the 422 body is sent with its exact length", async () => {
    const { headers, body } = await send("GET", "/items/x");
    expect(body).toBe(
      '{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}',
    );
    expect(headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
  });

  // FastAPI writes "http://api.example.com:8080/slash/?x=1" from any Host: a forged Host would
  // make it an open redirect (docs/coming-from-fastapi.md, security divergences)
  it("a redirect's Location is a path that keeps the query, whatever the Host header", async () => {
    const { headers, body } = await send("GET", "/slash?x=1", "api.example.com:8080");
    expect(headers.get("location")).toBe("/slash/?x=1");
    expect(headers.get("content-length")).toBe("0");
    expect(headers.has("content-type")).toBe(false);
    expect(body).toBe("");
  });
});
