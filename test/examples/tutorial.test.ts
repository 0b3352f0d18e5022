import { describe, expect, it } from "vitest";
import { app as bodyApp } from "../../examples/tutorial/body.js";
import { app as errorsApp } from "../../examples/tutorial/errors.js";
import { app as headersApp } from "../../examples/tutorial/headers-cookies.js";
import { app as pathApp } from "../../examples/tutorial/path-params.js";
import { app as queryApp } from "../../examples/tutorial/query-params.js";
import { app as responsesApp } from "../../examples/tutorial/responses.js";
import { fetchHandler, start } from "../../examples/tutorial/serving.js";
import { app as streamingApp } from "../../examples/tutorial/streaming.js";
import { brokenAsClientsSeeIt, greetAlice } from "../../examples/tutorial/testing.js";
import { TestClient } from "../../src/index.js";

describe("path parameters tutorial", () => {
  const client = new TestClient(pathApp);

  it("serves the route declared first for /users/me", async () => {
    expect(await (await client.get("/users/me")).json()).toEqual({ user_id: "the current user" });
    expect(await (await client.get("/users/42")).json()).toEqual({ user_id: "42" });
  });

  it("converts and validates an int path param", async () => {
    expect(await (await client.get("/items/3")).json()).toEqual({ item_id: 3 });
    const bad = await client.get("/items/0");
    expect(bad.status).toBe(422);
    expect(await bad.text()).toBe(
      '{"detail":[{"type":"greater_than_equal","loc":["path","item_id"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}',
    );
  });

  it("accepts only the enum's values", async () => {
    expect(await (await client.get("/models/alexnet")).json()).toEqual({
      model_name: "alexnet",
      message: "Deep Learning FTW!",
    });
    const bad = await client.get("/models/vgg");
    expect(await bad.json()).toEqual({
      detail: [
        {
          type: "enum",
          loc: ["path", "model_name"],
          msg: "Input should be 'alexnet', 'resnet' or 'lenet'",
          input: "vgg",
          ctx: { expected: "'alexnet', 'resnet' or 'lenet'" },
        },
      ],
    });
  });

  it("captures slashes with {name:path}", async () => {
    expect(await (await client.get("/files/a/b/c.txt")).json()).toEqual({ file_path: "a/b/c.txt" });
  });
});

describe("query parameters tutorial", () => {
  const client = new TestClient(queryApp);

  it("applies defaults and converts strings", async () => {
    const r = await client.get("/search?q=abc&exact=yes&tag=a&tag=b&page=2");
    expect(await r.json()).toEqual({ q: "abc", limit: 10, exact: true, tag: ["a", "b"], page: 2 });
  });

  it("reports every invalid query param in one 422", async () => {
    const r = await client.get("/search?q=A&limit=x&exact=z");
    const body = (await r.json()) as { detail: { loc: unknown[]; type: string }[] };
    expect(r.status).toBe(422);
    expect(body.detail.map((e) => [e.loc, e.type])).toEqual([
      [["query", "q"], "string_too_short"],
      [["query", "limit"], "int_parsing"],
      [["query", "exact"], "bool_parsing"],
    ]);
  });

  it("reads an aliased param by its alias only", async () => {
    expect(await (await client.get("/alias?item-query=x")).json()).toEqual({ item_query: "x" });
    expect(await (await client.get("/alias?item_query=x")).json()).toEqual({ item_query: null });
  });
});

describe("request body tutorial", () => {
  const client = new TestClient(bodyApp);

  it("validates the body and fills defaults", async () => {
    const r = await client.post("/items", { json: { name: "Foo", price: 10, tax: 1.5 } });
    expect(await r.json()).toEqual({
      name: "Foo",
      description: null,
      price: 10,
      tax: 1.5,
      price_with_tax: 11.5,
    });
  });

  it("embeds several Body params under their names", async () => {
    const r = await client.put("/items/5", { json: { item: { name: "a" }, importance: 5 } });
    expect(r.status).toBe(422);
    expect(await r.text()).toBe(
      '{"detail":[{"type":"missing","loc":["body","item","price"],"msg":"Field required","input":{"name":"a"}}]}',
    );
    const ok = await client.put("/items/5", {
      json: { item: { name: "a", price: 1 }, importance: 5 },
    });
    expect(await ok.json()).toEqual({
      item_id: "5",
      item: { name: "a", description: null, price: 1 },
      importance: 5,
    });
  });

  it("decodes a base64 field to bytes and encodes bytes back to base64", async () => {
    const content = Buffer.from([1, 2, 3]).toString("base64");
    const r = await client.post("/attachments", { json: { filename: "a.bin", content } });
    expect(await r.json()).toEqual({
      size: 3,
      reversed: Buffer.from([3, 2, 1]).toString("base64"),
    });
    const bad = await client.post("/attachments", { json: { filename: "a.bin", content: "AQI" } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { detail: { type: string }[] }).detail[0]!.type).toBe(
      "base64_decode",
    );
  });

  it("expects the key of an embedded single param", async () => {
    const r = await client.post("/embedded", { json: { name: "a", price: 1 } });
    expect(await r.text()).toBe(
      '{"detail":[{"type":"missing","loc":["body","item"],"msg":"Field required","input":null}]}',
    );
  });
});

describe("headers and cookies tutorial", () => {
  it("reads hyphenated, repeated and literal header names, and cookies", async () => {
    const client = new TestClient(headersApp);
    const r = await client.get("/headers", {
      headers: { "x-token": "t1", strange_header: "s", cookie: "session=abc" },
    });
    expect(await r.json()).toEqual({
      user_agent: "testclient",
      x_token: ["t1"],
      strange_header: "s",
      session: "abc",
    });
  });

  it("reads header and cookie models, and locates a missing cookie field", async () => {
    const client = new TestClient(headersApp);
    const r = await client.get("/preferences", {
      headers: { "save-data": "on", "x-tag": "a", cookie: "session_id=s1; theme=dark" },
    });
    expect(await r.json()).toEqual({ save_data: true, tags: ["a"], theme: "dark" });
    const missing = await client.get("/preferences");
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { detail: { loc: string[] }[] }).detail[0]!.loc).toEqual([
      "cookie",
      "session_id",
    ]);
  });
});

describe("errors tutorial", () => {
  const client = new TestClient(errorsApp);

  it("answers an HTTPException with its detail and headers", async () => {
    const r = await client.get("/items/bar");
    expect(r.status).toBe(404);
    expect(r.headers.get("x-error")).toBe("There goes my error");
    expect(await r.text()).toBe('{"detail":"Item not found"}');
  });

  it("routes a custom error class to its handler", async () => {
    const r = await client.get("/quota");
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("30");
    expect(await r.json()).toEqual({ error: "quota", who: "alice" });
  });
});

describe("responses tutorial", () => {
  const client = new TestClient(responsesApp);

  it("filters fields the response schema does not declare", async () => {
    const r = await client.post("/users", {
      json: { username: "a", password: "s3cret", email: "a@x.io" },
    });
    expect(r.status).toBe(201);
    expect(await r.text()).toBe('{"username":"a","email":"a@x.io","full_name":null}');
  });

  it("drops defaulted and excluded fields from an item", async () => {
    const plain = await client.get("/items/plain");
    expect(await plain.text()).toBe('{"name":"plain","price":2}');
    const taxed = await client.get("/items/taxed");
    expect(await taxed.text()).toBe('{"name":"taxed","price":2,"tax":20}');
  });

  it("sends no body for 204", async () => {
    const r = await client.delete("/users/a");
    expect(r.status).toBe(204);
    expect(r.headers.get("content-length")).toBeNull();
    expect(await r.text()).toBe("");
  });

  it("renders HTML, plain text and redirects", async () => {
    const html = await client.get("/hello.html");
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await html.text()).toBe("<h1>Hello</h1>");
    const plain = await client.get("/plain");
    expect(plain.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const redirect = await client.get("/old");
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("location")).toBe("/plain");
  });

  it("merges ctx.response status, headers and cookies", async () => {
    const r = await client.get("/accepted");
    expect(r.status).toBe(202);
    expect(r.headers.get("x-extra")).toBe("1");
    expect(r.headers.get("set-cookie")).toBe("sid=abc; HttpOnly; Path=/; SameSite=lax");
  });
});

describe("streaming tutorial", () => {
  const client = new TestClient(streamingApp);

  it("streams text chunks", async () => {
    const r = await client.get("/stream");
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await r.text()).toBe("streamed\ntoken\nby\ntoken\n");
  });

  it("streams server-sent events", async () => {
    const r = await client.get("/events");
    expect(r.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(r.headers.get("cache-control")).toBe("no-cache");
    expect(await r.text()).toBe(
      'data: {"index":0,"text":"token 0"}\n\ndata: {"index":1,"text":"token 1"}\n\ndata: {"index":2,"text":"token 2"}\n\ndata: [DONE]\n\n',
    );
  });
});

describe("streaming tutorial: JSON Lines", () => {
  it("streams one validated, filtered JSON value per line", async () => {
    const r = await new TestClient(streamingApp).get("/tokens.jsonl");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/jsonl");
    expect(await r.text()).toBe(
      '{"index":0,"text":"streamed"}\n{"index":1,"text":"as"}\n{"index":2,"text":"lines"}\n',
    );
  });
});

describe("testing and serving tutorials", () => {
  it("calls the app in-process", async () => {
    expect(await greetAlice()).toEqual({ status: 200, body: { message: "Hello Alice" } });
  });

  it("throws a server error to the test unless raiseServerExceptions is false", async () => {
    expect(await brokenAsClientsSeeIt()).toEqual({ raised: "database is down", status: 500 });
  });

  it("serves on a real socket and through fetch", async () => {
    const server = await start(0);
    try {
      const r = await fetch(`${server.url}/health`);
      expect(await r.json()).toEqual({ status: "ok" });
    } finally {
      await server.close();
    }
    const web = await fetchHandler.fetch(new Request("http://example.test/health"));
    expect(await web.json()).toEqual({ status: "ok" });
  });
});
