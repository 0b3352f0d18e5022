import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { APIKeyHeader, App, Depends, Header, type RunningServer, serve } from "../../src/index.js";
import { RawConnection } from "../integration/transports.js";

/** Values a client sent on several lines, or spelled as pydantic reads them, over node:http. */
function createApp(): App {
  const app = new App();
  app.get(
    "/hdr",
    {
      params: {
        x_token: Header(z.string()),
        x_multi: Header(z.array(z.string()).default([])),
        user_agent: Header(z.string().optional()),
      },
    },
    ({ x_token, x_multi, user_agent }) => ({ x_token, x_multi, user_agent: user_agent ?? null }),
  );
  app.get(
    "/model",
    { params: { h: Header(z.object({ x_token: z.string(), x_tags: z.array(z.string()) })) } },
    ({ h }) => h,
  );
  const apiKey = new APIKeyHeader({ name: "X-API-Key" });
  app.get("/key", { params: { key: Depends(apiKey) } }, ({ key }) => ({ key }));
  app.get("/items/{item_id}", { params: { item_id: z.number().int() } }, ({ item_id }) => ({
    item_id,
  }));
  app.get("/price", { params: { p: z.number() } }, ({ p }) => ({ p }));
  return app;
}

let server: RunningServer;
beforeAll(async () => {
  server = await serve(createApp(), { port: 0 });
});
afterAll(() => server.close());

async function get(target: string, lines: string[] = []) {
  const connection = await RawConnection.open(server.port);
  try {
    connection.write(
      `GET ${target} HTTP/1.1\r\nHost: x\r\n${lines.map((l) => `${l}\r\n`).join("")}\r\n`,
    );
    const response = await connection.response();
    return [response.status, response.body];
  } finally {
    connection.close();
  }
}

describe("a header sent on several lines (Starlette's Headers.get reads the first)", () => {
  it("a scalar header param gets the first line, a list param every line", async () => {
    expect(await get("/hdr", ["X-Token: a", "X-Multi: 1, 2", "X-Token: b", "X-Multi: 3"])).toEqual([
      200,
      '{"x_token":"a","x_multi":["1, 2","3"],"user_agent":null}',
    ]);
  });

  it("one line with a comma stays whole", async () => {
    expect(await get("/hdr", ["X-Token: a, b"])).toEqual([
      200,
      '{"x_token":"a, b","x_multi":[],"user_agent":null}',
    ]);
  });

  it("a header model's scalar field gets the first line too", async () => {
    expect(await get("/model", ["X-Token: a", "X-Tags: t", "X-Token: b", "X-Tags: u"])).toEqual([
      200,
      '{"x_token":"a","x_tags":["t","u"]}',
    ]);
  });

  it("an API key header sent twice is checked by its first line", async () => {
    expect(await get("/key", ["X-API-Key: k1", "X-API-Key: k2"])).toEqual([200, '{"key":"k1"}']);
  });
});

describe("numbers written with underscores (pydantic strips them between digits)", () => {
  it.each([
    ["/items/1_000", 200, '{"item_id":1000}'],
    ["/price?p=1_000.5", 200, '{"p":1000.5}'],
    [
      "/items/1__0",
      422,
      '{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"1__0"}]}',
    ],
  ])("GET %s answers %i", async (target, status, body) => {
    expect(await get(target)).toEqual([status, body]);
  });
});
