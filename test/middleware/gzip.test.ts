import { request } from "node:http";
import { createGunzip, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  App,
  GZipMiddleware,
  JSONResponse,
  Response,
  StreamingResponse,
  serve,
  TestClient,
} from "../../src/index.js";
import { callRaw, headerList } from "./raw.js";

const big = { data: "x".repeat(1000) };

function gzipApp(): App {
  const app = new App();
  app.get("/gz/big", {}, () => big);
  app.get("/gz/small", {}, () => ({ data: "small" }));
  app.get("/gz/encoded", {}, () => {
    return new Response("x".repeat(1000), { headers: { "content-encoding": "br" } });
  });
  app.get("/gz/sse", {}, () => {
    return new StreamingResponse(
      (async function* () {
        yield `data: ${"x".repeat(600)}\n\n`;
      })(),
      { mediaType: "text/event-stream" },
    );
  });
  app.get("/gz/stream", {}, () => {
    return new StreamingResponse(
      (async function* () {
        yield "part0\n";
        yield "part1\n";
      })(),
      { mediaType: "text/plain" },
    );
  });
  app.addMiddleware(new GZipMiddleware({ minimumSize: 500 }));
  return app;
}

describe("GZipMiddleware", () => {
  const app = gzipApp();
  const client = new TestClient(app);
  const gzip = { "accept-encoding": "gzip, deflate" };

  it("compresses a large JSON body with the recorded headers and the compressed length", async () => {
    const r = await callRaw(app, "GET", "/gz/big", gzip);
    const body = r.body as Uint8Array;
    expect(headerList(r)).toEqual([
      ["content-type", "application/json"],
      ["vary", "Accept-Encoding"],
      ["content-encoding", "gzip"],
      ["content-length", String(body.byteLength)],
    ]);
    expect(gunzipSync(body).toString()).toBe(JSON.stringify(big));
  });

  it("is decoded transparently by a fetch client", async () => {
    const r = await client.get("/gz/big", { headers: gzip });
    expect(r.headers.get("content-encoding")).toBe("gzip");
    expect(Number(r.headers.get("content-length"))).toBeLessThan(200);
  });

  it("leaves bodies under the minimum size alone, without vary", async () => {
    const r = await callRaw(app, "GET", "/gz/small", gzip);
    expect(headerList(r)).toEqual([["content-type", "application/json"]]);
    expect(r.body).toBe('{"data":"small"}');
  });

  it("does not compress for a client that does not accept gzip, but still varies", async () => {
    const r = await callRaw(app, "GET", "/gz/big", { "accept-encoding": "br" });
    expect(headerList(r)).toEqual([
      ["content-type", "application/json"],
      ["vary", "Accept-Encoding"],
    ]);
    expect(r.body).toBe(JSON.stringify(big));
  });

  it("passes already-encoded responses through", async () => {
    const r = await callRaw(app, "GET", "/gz/encoded", gzip);
    expect(r.headers["content-encoding"]).toBe("br");
    expect(r.body).toBe("x".repeat(1000));
  });

  it("never compresses text/event-stream", async () => {
    const r = await callRaw(app, "GET", "/gz/sse", gzip);
    expect(r.headers["content-encoding"]).toBeUndefined();
    expect(r.headers.vary).toBeUndefined();
  });

  it("compresses a stream into a stream without a content-length", async () => {
    const r = await callRaw(app, "GET", "/gz/stream", gzip);
    expect(r.headers["content-encoding"]).toBe("gzip");
    expect(r.headers["content-length"]).toBeUndefined();
    expect(typeof r.body === "object" && r.body !== null && Symbol.asyncIterator in r.body).toBe(
      true,
    );
    const chunks: Buffer[] = [];
    for await (const chunk of r.body as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
    expect(gunzipSync(Buffer.concat(chunks)).toString()).toBe("part0\npart1\n");
  });

  it("delivers each streamed chunk to a real client before the next one is produced", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const streaming = new App();
    streaming.get("/tokens", {}, () => {
      return new StreamingResponse(
        (async function* () {
          yield "first token\n";
          await held; // the test releases this only after it has read the first token
          yield "second token\n";
        })(),
        { mediaType: "text/plain" },
      );
    });
    streaming.addMiddleware(new GZipMiddleware({ minimumSize: 500 }));
    const server = await serve(streaming, { port: 0 });
    try {
      const text = await new Promise<string[]>((resolve, reject) => {
        const seen: string[] = [];
        const req = request(`${server.url}/tokens`, { headers: gzip }, (res) => {
          expect(res.headers["content-encoding"]).toBe("gzip");
          const unzip = res.pipe(createGunzip());
          unzip.on("data", (chunk: Buffer) => {
            seen.push(chunk.toString());
            if (seen.length === 1) release();
          });
          unzip.on("end", () => resolve(seen));
          unzip.on("error", reject);
        });
        req.on("error", reject);
        req.end();
      });
      expect(text).toEqual(["first token\n", "second token\n"]);
    } finally {
      await server.close();
    }
  });

  it("keeps JSONResponse status and custom headers when compressing", async () => {
    const custom = new App();
    custom.get("/x", {}, () => new JSONResponse(big, { status: 201, headers: { "x-a": "1" } }));
    custom.addMiddleware(new GZipMiddleware());
    const r = await callRaw(custom, "GET", "/x", gzip);
    expect(r.status).toBe(201);
    expect(r.headers["x-a"]).toBe("1");
    expect(r.headers["content-encoding"]).toBe("gzip");
  });
});
