import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { NativeRoute } from "../../src/http/servable.js";
import { type RunningServer, serve } from "../../src/index.js";
import { bunRoutePath, bunRoutes } from "../../src/server/bun-routes.js";
import { createNativeRoutesApp } from "./fixtures/native-routes-app.js";
import { type RuntimeServer, startRuntimeServer } from "./runtime-process.js";

describe("bunRoutePath", () => {
  it("turns whole-segment params into positional Bun params", () => {
    expect(bunRoutePath("/items/{item_id}")).toBe("/items/:p0");
    expect(bunRoutePath("/a/{x}/b/{y}")).toBe("/a/:p0/b/:p1");
    expect(bunRoutePath("/")).toBe("/");
    expect(bunRoutePath("/slash/")).toBe("/slash/");
    expect(bunRoutePath("/v1.2/a_b-c~d")).toBe("/v1.2/a_b-c~d");
  });

  it("leaves to the fetch fallback what Bun's router could read otherwise", () => {
    for (const template of [
      "/files/{p:path}",
      "/items/{id:int}",
      "/v{n}",
      "/files/{name}.json",
      "/a/./b",
      "/a/../b",
      "/a//b",
      "/caf\u00e9",
      "/a%20b",
      "/a:b",
      "/a*",
      "relative",
    ])
      expect(bunRoutePath(template), template).toBeNull();
  });
});

describe("bunRoutes", () => {
  const answer = () => new Response("fetch");
  const routedFor = (path: string, routed: unknown) => () => new Response(`${path} ${routed}`);
  const route = (path: string, methods: string[], routed?: [string, unknown][]): NativeRoute => ({
    path,
    methods,
    routed: routed === undefined ? undefined : new Map(routed),
  });

  it("gives a routed method its own handler and every other method the full pipeline", async () => {
    const table = bunRoutes(
      [
        route("/hello", ["GET", "POST"], [["GET", "found"]]),
        route("/items/{id}", ["GET"]),
        route("/items/{name}", ["DELETE", "TRACE"]),
        route("/files/{p:path}", ["GET"]),
      ],
      answer,
      routedFor,
    );
    expect(Object.keys(table)).toEqual(["/hello", "/items/:p0"]);
    const routed = await table["/hello"]!.GET!(new Request("http://t/hello"), null);
    expect(await routed!.text()).toBe("/hello found");
    expect(table["/hello"]!.POST).toBe(answer);
    expect(Object.keys(table["/items/:p0"]!).sort()).toEqual(["DELETE", "GET", "HEAD"]);
  });

  it("answers HEAD through the pipeline on every path, unless a route declares it", () => {
    const table = bunRoutes(
      [route("/a", ["GET"], [["GET", 1]]), route("/b", ["HEAD"], [["HEAD", 2]])],
      answer,
      routedFor,
    );
    expect(table["/a"]!.HEAD).toBe(answer);
    expect(table["/b"]!.HEAD).not.toBe(answer);
  });

  it("keeps a path and method for the first route that declares it", () => {
    const first = () => new Response("first");
    const table = bunRoutes(
      [route("/x/{a}", ["GET"]), route("/x/{b}", ["GET"], [["GET", 1]])],
      first,
      routedFor,
    );
    expect(table["/x/:p0"]!.GET).toBe(first);
  });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request as written on the wire (no client normalizes its target), answered in full. */
function raw(
  base: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString();
      const split = text.indexOf("\r\n\r\n");
      const [statusLine, ...lines] = text.slice(0, split).split("\r\n");
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        parsed[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(statusLine!.split(" ")[1]),
        headers: parsed,
        body: text.slice(split + 4),
      });
    });
    const head = Object.entries({ host: "t", connection: "close", ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    socket.write(`${method} ${target} HTTP/1.1\r\n${head}\r\n`);
  });
}

/** [method, target, headers, status, JSON body (undefined: not compared), headers expected] */
type Case = [string, string, Record<string, string>, number, unknown, Record<string, string>?];

const ORIGIN = { origin: "https://site.example" };
const CASES: Case[] = [
  ["GET", "/hello", {}, 200, { message: "hello" }],
  [
    "GET",
    "/hello",
    ORIGIN,
    200,
    { message: "hello" },
    { "access-control-allow-origin": ORIGIN.origin },
  ],
  ["HEAD", "/hello", {}, 405, undefined, { allow: "GET" }],
  ["PUT", "/hello", {}, 405, { detail: "Method Not Allowed" }, { allow: "GET" }],
  [
    "OPTIONS",
    "/hello",
    { ...ORIGIN, "access-control-request-method": "GET" },
    200,
    undefined,
    { "access-control-allow-origin": ORIGIN.origin },
  ],
  ["OPTIONS", "/hello", {}, 405, { detail: "Method Not Allowed" }, { allow: "GET" }],
  ["GET", "/both", {}, 200, { get: true }],
  ["HEAD", "/both", {}, 200, undefined, { "x-head": "own" }],
  ["GET", "/HELLO", {}, 404, { detail: "Not Found" }],
  ["GET", "/hell%6F", {}, 200, { message: "hello" }],
  ["GET", "//hello", {}, 404, { detail: "Not Found" }],
  ["GET", "/hello/", {}, 307, undefined, { location: "/api/hello" }],
  ["GET", "/slash", {}, 307, undefined, { location: "/api/slash/" }],
  ["GET", "/slash/", {}, 200, { slash: true }],
  ["GET", "/api/hello", {}, 200, { message: "hello" }],
  ["GET", "/items/1", {}, 200, { item_id: 1 }],
  ["GET", "/items/%31", {}, 200, { item_id: 1 }],
  ["GET", "/items/a%2Fb", {}, 404, { detail: "Not Found" }],
  ["GET", "/items/%zz", {}, 422, undefined],
  ["GET", "/items/", {}, 404, { detail: "Not Found" }],
  ["GET", "/items/special", {}, 422, undefined],
  ["PUT", "/items/special", {}, 200, { put: true }],
  ["PUT", "/items/1", {}, 405, { detail: "Method Not Allowed" }, { allow: "GET" }],
  ["GET", "/files/a/b%2Fc%25", {}, 200, { path: "a/b/c%" }],
  ["GET", "/sub/hello", {}, 200, { sub: true, rootPath: "/api/sub" }],
  ["GET", "/sub/late", {}, 404, { detail: "Not Found" }],
  ["GET", "/chat", {}, 200, { http: true }],
  [
    "GET",
    "/hello",
    { "x-rewrite": "/echo" },
    200,
    { path: "/echo", rawPath: "/echo", rawQuery: "", query: {}, url: "http://t/api/echo" },
  ],
  [
    "GET",
    "/echo?x=1&y=%20#frag",
    {},
    200,
    {
      path: "/echo",
      rawPath: "/echo",
      rawQuery: "x=1&y=%20",
      query: { x: ["1"], y: [" "] },
      url: "http://t/api/echo?x=1&y=%20",
    },
  ],
  [
    "GET",
    "/echo",
    {},
    200,
    { path: "/echo", rawPath: "/echo", rawQuery: "", query: {}, url: "http://t/api/echo" },
  ],
];

/**
 * The same requests on node:http (no native router) and on Bun.serve with the app's routes in
 * its `routes` option: Bun's router choosing first must change no answer.
 */
describe.each(["node:http", "bun"] as const)("an app served with native routes [%s]", (server) => {
  let base: string;
  let running: RunningServer | undefined;
  let child: RuntimeServer | undefined;
  beforeAll(async () => {
    if (server === "node:http") {
      running = await serve(createNativeRoutesApp(), { port: 0 });
      base = running.url;
    } else {
      child = await startRuntimeServer(
        "bun",
        "test/server/fixtures/native-routes-app.ts",
        "createNativeRoutesApp",
      );
      expect(JSON.parse(child.ready).runtime).toBe("bun");
      base = child.url;
    }
  });
  afterAll(async () => {
    await running?.close();
    await child?.stop();
  });

  it.each(CASES)("%s %s %o answers %i", async (method, target, headers, status, json, expected) => {
    const answer = await raw(base, method, target, headers);
    expect(answer.status).toBe(status);
    if (json !== undefined) expect(JSON.parse(answer.body)).toEqual(json);
    if (method === "HEAD") expect(answer.body).toBe("");
    for (const [name, value] of Object.entries(expected ?? {}))
      expect(answer.headers[name], name).toBe(value);
  });

  if (server === "bun")
    it("routes a dot-segment path as Bun's URL normalizes it, even where Bun's router matched", async () => {
      // Bun matches "/items/.." to /items/:p0 with p0 "..", but its request.url says "/": the
      // app routes the URL, as it did before Bun's router was used
      expect((await raw(base, "GET", "/items/..")).status).toBe(404);
      expect(JSON.parse((await raw(base, "GET", "/items/./1")).body)).toEqual({ item_id: 1 });
      expect(JSON.parse((await raw(base, "GET", "/x/../hello")).body)).toEqual({
        message: "hello",
      });
    });

  it("answers a route registered after the server started", async () => {
    expect((await raw(base, "GET", "/added")).status).toBe(404);
    expect((await raw(base, "POST", "/add-route")).status).toBe(200);
    expect(JSON.parse((await raw(base, "GET", "/added")).body)).toEqual({ added: true });
  });

  it("upgrades a WebSocket handshake on a path that also has an HTTP route", async () => {
    const message = await new Promise<string>((resolve, reject) => {
      const socket = new WebSocket(`${base.replace("http", "ws")}/chat`);
      socket.on("message", (data: Buffer) => resolve(data.toString()));
      socket.on("error", reject);
    });
    expect(message).toBe("chat");
  });

  it("refuses with 403 a WebSocket handshake on an HTTP-only path", async () => {
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${base.replace("http", "ws")}/hello`);
      socket.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      socket.on("open", () => resolve(101));
    });
    expect(status).toBe(403);
  });
});
