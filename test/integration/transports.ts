import type { Socket } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe } from "vitest";
import { type App, type RunningServer, serve, TestClient } from "../../src/index.js";

/** What a case needs of a transport: send a request, get a fetch Response. */
export interface Client {
  readonly transport: "TestClient" | "node:http";
  request(
    method: string,
    url: string,
    init?: { headers?: Record<string, string>; body?: string | Uint8Array; json?: unknown },
  ): Promise<Response>;
}

/**
 * Runs the same cases through the in-process TestClient and through a real node:http server
 * reached with global fetch. `getClient()` is valid inside tests (after setup).
 */
export function describeTransports(
  name: string,
  createApp: () => App,
  cases: (getClient: () => Client) => void,
): void {
  describe(`${name} [TestClient]`, () => {
    // the 500 on the wire, as a real server sends it
    const client = new TestClient(createApp(), { raiseServerExceptions: false });
    cases(() => ({
      transport: "TestClient",
      request: (method, url, init) => client.request(method, url, init),
    }));
  });
  describe(`${name} [node:http]`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await serve(createApp(), { port: 0 });
    });
    afterAll(() => server.close());
    cases(() => ({
      transport: "node:http",
      request(method, url, init = {}) {
        const headers: Record<string, string> = { ...init.headers };
        let body: string | Uint8Array | undefined = init.body;
        if (init.json !== undefined) {
          body = JSON.stringify(init.json);
          headers["content-type"] ??= "application/json";
        }
        return fetch(`${server.url}${url}`, {
          method,
          headers,
          body: body as BodyInit | undefined,
          redirect: "manual",
        });
      },
    }));
  });
}

/** A raw HTTP/1.1 connection: write bytes, read what the server answers. */
export class RawConnection {
  readonly socket: Socket;
  #received = Buffer.alloc(0);
  #closed = false;
  #waiters: (() => void)[] = [];

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on("data", (chunk: Buffer) => {
      this.#received = Buffer.concat([this.#received, chunk]);
      this.#wake();
    });
    socket.on("close", () => {
      this.#closed = true;
      this.#wake();
    });
    socket.on("error", () => {});
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => resolve(new RawConnection(socket)));
      socket.once("error", reject);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  /** waits until `done(received)` holds or the socket closes (or the timeout passes) */
  async until(done: (received: string) => boolean, timeout = 5000): Promise<string> {
    const deadline = Date.now() + timeout;
    while (!done(this.#received.toString("latin1")) && !this.#closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.#received.toString("latin1");
  }

  /** reads one complete response with a content-length (or none), and removes it */
  async response(timeout = 5000): Promise<RawResponse> {
    let parsed: RawResponse | null = null;
    await this.until((text) => (parsed = parseResponse(text)) !== null, timeout);
    if (parsed === null) throw new Error(`incomplete response: ${this.#received.toString()}`);
    this.#received = this.#received.subarray((parsed as RawResponse).length);
    return parsed;
  }

  /** resolves once the server has closed the connection */
  async waitClosed(timeout = 5000): Promise<boolean> {
    await this.until(() => false, timeout);
    return this.#closed;
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** bytes consumed from the stream */
  length: number;
}

/** Parses one response with content-length (or a bodyless one); null when incomplete. */
export function parseResponse(text: string, headOnly = false): RawResponse | null {
  const end = text.indexOf("\r\n\r\n");
  if (end === -1) return null;
  const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
  const status = Number(statusLine!.split(" ")[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const declared = headers["content-length"];
  const size = headOnly || declared === undefined ? 0 : Number(declared);
  const bodyStart = end + 4;
  if (text.length < bodyStart + size) return null;
  return {
    status,
    headers,
    body: Buffer.from(text.slice(bodyStart, bodyStart + size), "latin1").toString("utf8"),
    length: bodyStart + size,
  };
}

/**
 * Sends `GET path` with `Connection: close` and resolves with every byte the server wrote
 * (latin1) once it closes the connection: for checking framing on the wire.
 */
export function rawGetUntilClose(baseUrl: string, path: string): Promise<string> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
    );
    let text = "";
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
    });
    socket.on("close", () => resolve(text));
    socket.on("error", reject);
  });
}
