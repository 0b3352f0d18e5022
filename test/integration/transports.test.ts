import { expect, it } from "vitest";
import { createIntegrationApp } from "./app.js";
import { describeTransports } from "./transports.js";

function expectNoStack(body: string): void {
  expect(body).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/);
}

describeTransports("the same answers on every transport", createIntegrationApp, (getClient) => {
  it("answers a plain GET with JSON and a content-length", async () => {
    const r = await getClient().request("GET", "/hello?q=x");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(r.headers.get("content-length")).toBe("13");
    expect(await r.text()).toBe('{"hello":"x"}');
  });

  it("HEAD on a GET route answers 405 with content-length 31 and no body", async () => {
    const r = await getClient().request("HEAD", "/hello");
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("GET");
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(r.headers.get("content-length")).toBe("31");
    expect(await r.text()).toBe("");
  });

  it("a 204 keeps the JSON content type and has neither content-length nor body", async () => {
    const r = await getClient().request("DELETE", "/gone");
    expect(r.status).toBe(204);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(r.headers.has("content-length")).toBe(false);
    expect(await r.text()).toBe("");
  });

  it("a StreamingResponse streams its chunks without a content-length", async () => {
    const r = await getClient().request("GET", "/stream");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(r.headers.has("content-length")).toBe(false);
    expect(await r.text()).toBe("one\ntwo\nthree\n");
  });

  it("sse-typed-items: each item is one `data:` frame of compact JSON", async () => {
    const r = await getClient().request("GET", "/sse");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(r.headers.get("cache-control")).toBe("no-cache");
    expect(r.headers.get("x-accel-buffering")).toBe("no");
    expect(await r.text()).toBe(
      'data: {"index":0,"text":"Hel","logprob":null}\n\ndata: {"index":1,"text":"lo","logprob":null}\n\n',
    );
  });

  it("sse-server-sent-event-objects-post: comment, event, data, id, retry in order (divergence: data JSON is compact)", async () => {
    const r = await getClient().request("POST", "/sse-events", {
      headers: { "Last-Event-ID": "0" },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(r.headers.get("cache-control")).toBe("no-cache");
    expect(r.headers.get("x-accel-buffering")).toBe("no");
    expect(await r.text()).toBe(
      ': start\n\nevent: meta\ndata: {"resumed_from":"0"}\nid: 1\nretry: 3000\n\ndata: "multi\\nline"\nid: 2\n\ndata: [DONE]\n\n',
    );
  });

  it("a body over the default 1 MiB limit answers 413", async () => {
    const r = await getClient().request("POST", "/upload", {
      json: { data: "x".repeat(1024 * 1024 + 1) },
    });
    expect(r.status).toBe(413);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(await r.text()).toBe('{"detail":"Content Too Large"}');
  });

  it("a body under the default limit is accepted", async () => {
    const r = await getClient().request("POST", "/upload", {
      json: { data: "x".repeat(1000 * 1000) },
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ size: 1000 * 1000 });
  });

  it("a body over a route's own bodyLimit answers 413", async () => {
    const r = await getClient().request("POST", "/small", { json: { data: "0123456789" } });
    expect(r.status).toBe(413);
    expect(await r.text()).toBe('{"detail":"Content Too Large"}');
  });

  it("a JSON body that is not UTF-8 answers 400", async () => {
    const r = await getClient().request("POST", "/upload", {
      headers: { "content-type": "application/json" },
      body: Buffer.from([0x7b, 0x22, 0x64, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
    });
    expect(r.status).toBe(400);
    expect(await r.text()).toBe('{"detail":"There was an error parsing the body"}');
  });

  it("deeply nested JSON (100k `[`) answers a clean 422 json_invalid", async () => {
    const r = await getClient().request("POST", "/any-json", {
      headers: { "content-type": "application/json" },
      body: "[".repeat(100_000),
    });
    expect(r.status).toBe(422);
    const body = await r.text();
    expectNoStack(body);
    expect(JSON.parse(body).detail[0]).toMatchObject({
      type: "json_invalid",
      loc: ["body", 100_000],
    });
  });

  // FastAPI parses ~1,000 levels deep; past the app's `json.maxDepth` (64) valid JSON is a 400
  it("deeply nested valid JSON is refused with FastAPI's 400 parse error", async () => {
    const r = await getClient().request("POST", "/any-json", {
      headers: { "content-type": "application/json" },
      body: `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
    });
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ detail: "There was an error parsing the body" });
  });

  // node:http caps the request line and headers at 16 KiB (as uvicorn's h11 does): a longer
  // URL is refused with 431 before the app sees it; in-process the app reads the declared key.
  it("10,000 query params answer normally in-process, 431 past node's 16 KiB header limit", async () => {
    const client = getClient();
    const query = Array.from({ length: 10_000 }, (_, i) => `k${i}=${i}`).join("&");
    const r = await client.request("GET", `/hello?${query}&q=last`);
    if (client.transport === "node:http") {
      expect(r.status).toBe(431);
    } else {
      expect(r.status).toBe(200);
      expect(await r.text()).toBe('{"hello":"last"}');
    }
  });

  it("invalid percent-encoding in the query is read as literal text", async () => {
    const r = await getClient().request("GET", "/hello?q=%zz");
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ hello: "%zz" });
  });
});
