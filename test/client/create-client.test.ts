import { type RunningServer, serve, TestClient } from "tailor";
import { createClient } from "tailor/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, streamState } from "./app.js";

type AppType = ReturnType<typeof createApp>;

interface Transport {
  name: string;
  open(): Promise<{ baseUrl: string; fetch?: (request: Request) => Promise<Response> }>;
  close(): Promise<void>;
}

let server: RunningServer | undefined;
const transports: Transport[] = [
  {
    name: "node:http server, global fetch",
    async open() {
      server = await serve(createApp(), { port: 0, host: "127.0.0.1" });
      return { baseUrl: server.url };
    },
    close: async () => server?.close(),
  },
  {
    name: "in-process, TestClient.fetch",
    async open() {
      const testClient = new TestClient(createApp());
      return { baseUrl: "http://testserver", fetch: testClient.fetch };
    },
    close: async () => undefined,
  },
  {
    name: "in-process, app.fetch",
    async open() {
      return { baseUrl: "http://testserver/", fetch: createApp().fetch };
    },
    close: async () => undefined,
  },
];

describe.each(transports)("createClient over $name", (transport) => {
  let client: ReturnType<typeof createClient<AppType>>;
  beforeAll(async () => {
    const options = await transport.open();
    client = createClient<AppType>({
      ...options,
      headers: { "x-agent": "suite", "x-token": "t0" },
    });
  });
  afterAll(() => transport.close());

  it("fills path, query, header and cookie params and returns the parsed JSON as data", async () => {
    const { data, error, response } = await client.GET("/items/{item_id}", {
      params: {
        path: { item_id: 3 },
        query: { q: "x y", tags: ["a", "b"] },
        header: { "x-token": "secret" },
        cookie: { session: "s=1" },
      },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual({
      item_id: 3,
      q: "x y",
      tags: ["a", "b"],
      x_token: "secret",
      session: "s=1",
      agent: "suite",
    });
  });

  it("sends the client's default headers, and a call's headers replace them", async () => {
    const { data } = await client.GET("/items/{item_id}", {
      params: { path: { item_id: 1 }, header: { "x-token": "t1" } },
      headers: { "x-agent": "call" },
    });
    expect(data?.agent).toBe("call");
  });

  it("sends the body as JSON and gives the response schema's filtered output", async () => {
    const { data, response } = await client.POST("/items", { body: { name: "pen", price: 2 } });
    expect(response.status).toBe(201);
    expect(data).toEqual({ name: "pen", price: 2 });
  });

  it("embeds several Body params under their names", async () => {
    const { data } = await client.PUT("/carts/{cart_id}", {
      params: { path: { cart_id: "c1" } },
      body: { item: { name: "pen", price: 2 }, quantity: 3 },
    });
    expect(data).toEqual({ cart_id: "c1", total: 6 });
  });

  it("returns a declared error's body as error, with no data", async () => {
    const { data, error, response } = await client.GET("/items/{item_id}", {
      params: { path: { item_id: 404 }, header: { "x-token": "t" } },
    });
    expect(response.status).toBe(404);
    expect(data).toBeUndefined();
    expect(error).toEqual({ detail: "Item not found" });
  });

  it("returns FastAPI's 422 body as error when the server rejects the input", async () => {
    const { error, response } = await client.POST("/items", { body: { name: "", price: -1 } });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({
      detail: [
        { type: "string_too_short", loc: ["body", "name"] },
        { type: "greater_than", loc: ["body", "price"] },
      ],
    });
  });

  it("gives a non-JSON error body as text", async () => {
    const { error, response } = await client.GET("/boom");
    expect(response.status).toBe(500);
    expect(error).toBe("Internal Server Error");
  });

  it("gives no data for a 204", async () => {
    const { data, error, response } = await client.DELETE("/items/{item_id}", {
      params: { path: { item_id: 1 } },
    });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it("percent-encodes path values, keeping the slashes of a {name:path} param", async () => {
    const name = await client.GET("/names/{name}", { params: { path: { name: "a b&c?d" } } });
    expect(name.data).toEqual({ name: "a b&c?d" });
    const file = await client.GET("/files/{file_path:path}", {
      params: { path: { file_path: "docs/read me.md" } },
    });
    expect(file.data).toEqual({ file_path: "docs/read me.md" });
  });

  it("sends `form` URL-encoded, and as multipart when it carries a file", async () => {
    const login = await client.POST("/login", { form: { username: "ada", remember: true } });
    expect(login.data).toEqual({ username: "ada", remember: true });
    const upload = await client.POST("/upload", {
      form: { title: "notes", image: new File(["hello"], "hello.txt", { type: "text/plain" }) },
    });
    expect(upload.data).toEqual({ title: "notes", filename: "hello.txt", text: "hello" });
  });

  it("reads a JSON Lines route as an async iterable of its items", async () => {
    const { data, response } = await client.GET("/tokens");
    expect(response.headers.get("content-type")).toBe("application/jsonl");
    const items = [];
    for await (const item of data!) items.push(item);
    expect(items).toEqual([
      { index: 0, text: "streamed" },
      { index: 1, text: "as" },
      { index: 2, text: "lines" },
    ]);
  });

  it("reads server-sent events as messages with parsed data, event and id", async () => {
    const { data } = await client.GET("/events", { params: { query: { count: 2 } } });
    const messages = [];
    for await (const message of data!) messages.push(message);
    expect(messages).toEqual([
      { data: { index: 0 }, event: "token", id: "0", retry: undefined },
      { data: { index: 1 }, event: "token", id: "1", retry: undefined },
      { data: "[DONE]", event: undefined, id: "1", retry: undefined },
    ]);
  });

  it("reads a generator route sent as server-sent events, items filtered by the response schema", async () => {
    const { data } = await client.GET("/typed-events");
    const messages = [];
    for await (const message of data!) messages.push([message.event, message.data]);
    expect(messages).toEqual([
      [undefined, { index: 0 }],
      ["last", { index: 1 }],
      [undefined, "[DONE]"],
    ]);
  });

  it("cancels the stream when the loop stops early, so the server's generator is closed", async () => {
    const before = streamState.closed;
    const { data } = await client.GET("/events", { params: { query: { count: 100_000 } } });
    for await (const message of data!) {
      expect(message.data).toEqual({ index: 0 });
      break;
    }
    // bounded wait: the server notices the cancelled body within a few event intervals
    for (let waited = 0; streamState.closed === before && waited < 5000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(streamState.closed).toBe(before + 1);
  });
});

describe("createClient", () => {
  it("keeps TestClient's default headers when it calls through TestClient.fetch", async () => {
    const testClient = new TestClient(createApp(), { headers: { "x-agent": "test-client" } });
    const client = createClient<AppType>({ baseUrl: "http://testserver", fetch: testClient.fetch });
    const { data } = await client.GET("/items/{item_id}", {
      params: { path: { item_id: 1 }, header: { "x-token": "t" } },
    });
    expect(data?.agent).toBe("test-client");
  });

  it("refuses a call whose path param is missing, before sending anything", async () => {
    let sent = false;
    const client = createClient<AppType>({
      baseUrl: "http://testserver",
      fetch: async () => {
        sent = true;
        return new Response(null);
      },
    });
    await expect(
      // @ts-expect-error -- item_id is left out on purpose
      client.DELETE("/items/{item_id}", { params: { path: {} } }),
    ).rejects.toThrow('/items/{item_id}: no value for the path parameter "item_id"');
    expect(sent).toBe(false);
  });
});
