import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { App, Body, Form, type RunningServer, serve } from "../../src/index.js";
import { RawConnection } from "../integration/transports.js";

let server: RunningServer;

beforeAll(async () => {
  const app = new App({ bodyLimit: 1000 });
  app.post("/echo", { params: { value: Body(z.unknown()) } }, ({ value }) => ({ value }));
  app.post("/login", { params: { username: Form(z.string()) } }, ({ username }) => ({ username }));
  app.get("/hello", {}, () => ({ hello: "world" }));
  server = await serve(app, { port: 0 });
});
afterAll(() => server.close());

const head = (target: string, lines: string[]) =>
  `POST ${target} HTTP/1.1\r\nHost: x\r\n${lines.join("\r\n")}\r\n\r\n`;

describe("Expect: 100-continue", () => {
  it.each([
    ["a JSON body", "/echo", "application/json"],
    ["a form body", "/login", "application/x-www-form-urlencoded"],
  ])(
    "%s declared past the limit is refused with 413 and no 100 Continue",
    async (_label, target, type) => {
      const connection = await RawConnection.open(server.port);
      connection.write(
        head(target, [`Content-Type: ${type}`, "Expect: 100-continue", "Content-Length: 5000"]),
      );
      const text = await connection.until((received) => received.includes("\r\n\r\n"));
      expect(text).not.toContain("100 Continue");
      expect(text.startsWith("HTTP/1.1 413 ")).toBe(true);
      expect(await connection.waitClosed(1000)).toBe(true);
    },
  );

  it("a body within the limit gets 100 Continue once the route reads it, then the answer", async () => {
    const connection = await RawConnection.open(server.port);
    connection.write(
      head("/echo", [
        "Content-Type: application/json",
        "Expect: 100-continue",
        "Content-Length: 7",
      ]),
    );
    const interim = await connection.until((received) => received.includes("\r\n\r\n"));
    expect(interim).toBe("HTTP/1.1 100 Continue\r\n\r\n");
    connection.write('{"a":1}');
    const text = await connection.until((received) => received.includes('{"value":{"a":1}}'));
    expect(text).toContain("HTTP/1.1 200 OK");
    connection.close();
  });

  it("a route that reads no body answers without inviting one, and closes", async () => {
    const connection = await RawConnection.open(server.port);
    connection.write(
      "GET /hello HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n",
    );
    const response = await connection.response();
    expect(response.status).toBe(200);
    expect(response.headers.connection).toBe("close");
    expect(await connection.waitClosed(1000)).toBe(true);
  });
});

describe("exactly one response per request", () => {
  it("a malformed chunked body arriving after a 405 gets no second answer: the connection closes", async () => {
    const connection = await RawConnection.open(server.port);
    connection.write("PUT /hello HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    const first = await connection.response();
    expect(first.status).toBe(405);
    expect(first.headers.connection).toBe("close");
    connection.write("zz\r\nnot a chunk\r\n0\r\n\r\n");
    const rest = await connection.until(() => false, 300);
    expect(rest).toBe("");
    expect(connection.closed).toBe(true);
  });

  it("an unread body that had fully arrived keeps the connection open for the next request", async () => {
    const connection = await RawConnection.open(server.port);
    connection.write(
      "PUT /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}GET /hello HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    expect((await connection.response()).status).toBe(405);
    expect((await connection.response()).status).toBe(200);
    expect(connection.closed).toBe(false);
    connection.close();
  });
});
