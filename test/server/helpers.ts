import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect, type Socket } from "node:net";
import { Writable } from "node:stream";
import { logger } from "../../src/logging/logger.js";

/** Routes the shared logger's JSON lines into an array for the duration of a test. */
export function captureLogs(): { lines: Record<string, any>[]; restore(): void } {
  const lines: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line !== "") lines.push(JSON.parse(line));
      done();
    },
  });
  logger.configure({ format: "json", destination: sink, level: "info" });
  return { lines, restore: () => logger.configure({ level: "silent" }) };
}

export interface SimpleResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request on a fresh connection (no agent, no keep-alive reuse). */
export function get(
  url: string,
  headers: Record<string, string> = {},
  method = "GET",
  body?: string,
): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A raw TCP connection that collects what the server writes and notes when it closes. */
export interface RawConnection {
  socket: Socket;
  received(): string;
  /** resolves with ms since the connection opened when the server closes it */
  closed: Promise<number>;
  /** resolves once `text` has appeared in what was received */
  waitFor(text: string): Promise<void>;
}

export function openRaw(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const opened = performance.now();
    const socket = connect(port, "127.0.0.1");
    let data = "";
    const waiters: { text: string; resolve(): void }[] = [];
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      data += chunk;
      for (const waiter of waiters) if (data.includes(waiter.text)) waiter.resolve();
    });
    socket.on("error", () => {});
    const closed = new Promise<number>((done) =>
      socket.once("close", () => done(performance.now() - opened)),
    );
    socket.once("connect", () =>
      resolve({
        socket,
        received: () => data,
        closed,
        waitFor: (text) =>
          data.includes(text)
            ? Promise.resolve()
            : new Promise((done) => waiters.push({ text, resolve: done })),
      }),
    );
    socket.once("error", reject);
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
