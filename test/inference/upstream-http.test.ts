import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect, type Socket } from "node:net";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BackendTimeoutError,
  BackendUnreachableError,
} from "../../examples/inference/services/model-client.js";
import { errorMessageOf, UpstreamHttp } from "../../examples/inference/services/upstream-http.js";

/**
 * A port whose connections never complete: a worker listens with a backlog of 1 and then blocks
 * its event loop (Atomics.wait, no CPU), so nothing is accepted; once a few connections fill the
 * kernel's queue, the next connection attempts hang in SYN_SENT.
 */
async function unresponsivePort(): Promise<{ port: number; close: () => Promise<void> }> {
  const worker = new Worker(
    `const { parentPort } = require("node:worker_threads");
     const server = require("node:net").createServer();
     server.listen({ port: 0, host: "127.0.0.1", backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
     });`,
    { eval: true },
  );
  const port = await new Promise<number>((resolve) => worker.once("message", resolve));
  // connect until a connection no longer completes: the queue is full
  const fillers: Socket[] = [];
  for (let attempt = 0; attempt < 16; attempt++) {
    const socket = connect(port, "127.0.0.1");
    fillers.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      socket.once("connect", () => resolve(true));
      setTimeout(() => resolve(false), 100);
    });
    if (!connected) break;
  }
  return {
    port,
    close: async () => {
      for (const socket of fillers) socket.destroy();
      await worker.terminate();
    },
  };
}

let server: Server;
let baseUrl = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/lines") {
      res.write("first\nsec");
      setTimeout(() => res.end("ond\r\nthird"), 20);
    } else if (req.url === "/silent-after-headers") {
      res.writeHead(200);
      res.write("a\n"); // then nothing more
    }
    // any other path: never answers
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

function http(url = baseUrl, readTimeoutMs = 1000) {
  return new UpstreamHttp(url, { name: "test", connectTimeoutMs: 100, readTimeoutMs });
}

describe("UpstreamHttp", () => {
  it("reads a body line by line across chunks, without the \\r of CRLF", async () => {
    const client = http();
    const response = await client.request("GET", "/lines");
    const lines: string[] = [];
    for await (const line of response.lines()) lines.push(line);
    expect(lines).toEqual(["first", "second", "third"]);
    client.close();
  });

  it("gives up on a connection that does not complete within the connect timeout", async () => {
    const blackhole = await unresponsivePort();
    const client = http(`http://127.0.0.1:${blackhole.port}`);
    try {
      const started = performance.now();
      const error = await client.request("GET", "/").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BackendUnreachableError);
      expect((error as Error).message).toBe("test: GET /: no connection after 100 ms");
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      client.close();
      await blackhole.close();
    }
  });

  it("fails with a timeout when the server stays silent before answering", async () => {
    const client = http(baseUrl, 80);
    const error = await client.request("GET", "/never").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackendTimeoutError);
    expect((error as Error).message).toBe("test: GET /never: no answer for 80 ms");
    client.close();
  });

  it("fails with a timeout when a body stops flowing", async () => {
    const client = http(baseUrl, 80);
    const response = await client.request("GET", "/silent-after-headers");
    const lines: string[] = [];
    const error = await (async () => {
      for await (const line of response.lines()) lines.push(line);
    })().catch((caught: unknown) => caught);
    expect(lines).toEqual(["a"]);
    expect(error).toBeInstanceOf(BackendTimeoutError);
    client.close();
  });

  it("rejects with the signal's reason when the caller aborts", async () => {
    const client = http();
    const controller = new AbortController();
    const pending = client.request("GET", "/never", undefined, controller.signal);
    const reason = new Error("deadline");
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
    client.close();
  });

  it("reports a refused connection as unreachable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = http(`http://127.0.0.1:${port}`);
    await expect(client.request("GET", "/")).rejects.toBeInstanceOf(BackendUnreachableError);
    client.close();
  });
});

describe("errorMessageOf", () => {
  it("reads Ollama's and OpenAI's error bodies, and falls back to the text", () => {
    expect(errorMessageOf('{"error":"model not found"}')).toBe("model not found");
    expect(errorMessageOf('{"error":{"message":"bad key","type":"x"}}')).toBe("bad key");
    expect(errorMessageOf("upstream exploded")).toBe("upstream exploded");
    expect(errorMessageOf("")).toBe("no message");
  });
});
