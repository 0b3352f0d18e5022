import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, type RunningServer, StaticFiles, serve } from "../../src/index.js";
import { makeTree } from "./fixtures.js";

const tree = makeTree();
const app = new App();
app.mount("/static", new StaticFiles({ directory: tree.dir }));
let server: RunningServer;

beforeAll(async () => {
  server = await serve(app, { port: 0 });
});
afterAll(async () => {
  await server.close();
  tree.cleanup();
});

/** Sends one request line exactly as written (no client-side path normalization). */
function rawRequest(target: string, extra = ""): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1");
    let data = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk) => {
      data += chunk;
    });
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
    socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\n${extra}Connection: close\r\n\r\n`);
  });
}

function statusOf(response: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
}

describe("StaticFiles on the wire", () => {
  const attempts = [
    "/static/../outside/secret.txt",
    "/static/../../../../etc/passwd",
    "/static/%2e%2e/outside/secret.txt",
    "/static/%2e%2e%2foutside%2fsecret.txt",
    "/static/..%5Coutside%5Csecret.txt",
    "/static/..\\outside\\secret.txt",
    "/static/link-out",
    "/static/hello.txt%00",
    "/static//etc/passwd",
  ];

  for (const target of attempts) {
    it(`answers 404 to ${target} without leaking the secret`, async () => {
      const response = await rawRequest(target);
      expect(statusOf(response)).toBe(404);
      expect(response).not.toContain("top secret");
      expect(response.endsWith('{"detail":"Not Found"}')).toBe(true);
    });
  }

  it("still serves files after the attempts", async () => {
    for (const target of attempts) await rawRequest(target);
    const response = await rawRequest("/static/hello.txt");
    expect(statusOf(response)).toBe(200);
    expect(response).toContain("content-length: 13");
    expect(response.endsWith("hello static\n")).toBe(true);
  });

  it("streams a range over the socket with its content-range", async () => {
    const response = await rawRequest("/static/hello.txt", "Range: bytes=0-4\r\n");
    expect(statusOf(response)).toBe(206);
    expect(response).toContain("content-range: bytes 0-4/13");
    expect(response.endsWith("\r\n\r\nhello")).toBe(true);
  });
});
