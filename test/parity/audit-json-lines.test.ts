import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

const Token = z
  .object({
    index: z.number().int(),
    text: z.string(),
    logprob: z.number().nullable().default(null),
  })
  .meta({ id: "Token" });

const logged: unknown[] = [];

/** Mirrors the §15 recording app: handlers written as generators stream JSON Lines. */
function createApp(): App {
  const app = new App({ logger: { error: (_message, error) => logged.push(error) } });
  app.get("/jsonl", { response: Token }, async function* () {
    yield { index: 0, text: "Hel" };
    yield { index: 1, text: "lo" };
  });
  app.get("/jsonl-sync", { response: Token }, function* () {
    const item = { index: 0, text: "dict is validated", secret: "dropped" };
    yield item;
  });
  app.get("/jsonl-untyped", {}, async function* () {
    yield { a: 1 };
    yield [1, 2];
  });
  app.get("/jsonl-invalid-item", { response: Token }, async function* () {
    yield { index: 0, text: "ok" };
    yield { index: "not-an-int", text: "bad" } as unknown as z.input<typeof Token>;
    yield { index: 2, text: "never sent" };
  });
  app.post("/jsonl-status", { response: Token, status: 201 }, async function* () {
    yield { index: 0, text: "a" };
  });
  return app;
}

async function expectLines(response: Response, body: string, status = 200): Promise<void> {
  expect({ status: response.status, body: await response.text() }).toEqual({ status, body });
  expect(response.headers.get("content-type")).toBe("application/jsonl");
  expect(response.headers.has("content-length")).toBe(false);
}

describeTransports("§15 JSON Lines from generator handlers", createApp, (client) => {
  it("jsonl-async-typed: each item validated, defaults filled, one compact line each", async () => {
    await expectLines(
      await client().request("GET", "/jsonl"),
      '{"index":0,"text":"Hel","logprob":null}\n{"index":1,"text":"lo","logprob":null}\n',
    );
  });

  it("jsonl-sync-typed-filters-dict: a sync generator's items are filtered through the model", async () => {
    await expectLines(
      await client().request("GET", "/jsonl-sync"),
      '{"index":0,"text":"dict is validated","logprob":null}\n',
    );
  });

  it('jsonl-untyped: items without a model are written as JSON (divergence: compact, not `{"a": 1}`)', async () => {
    await expectLines(await client().request("GET", "/jsonl-untyped"), '{"a":1}\n[1,2]\n');
  });

  it("jsonl-invalid-item-mid-stream: status 200, then the stream breaks off at the invalid item", async () => {
    logged.length = 0;
    const response = await client().request("GET", "/jsonl-invalid-item");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/jsonl");
    // the body never completes: in process the error reaches the reader (FastAPI's TestClient
    // re-raises it), on the wire the connection closes without the final chunk
    await expect(response.text()).rejects.toThrow();
    if (client().transport === "node:http") {
      await expect.poll(() => logged.length).toBeGreaterThan(0);
      expect((logged[0] as { errors: { loc: unknown[] }[] }).errors[0]?.loc).toEqual([
        "response",
        "index",
      ]);
    }
  });

  it("keeps the route's declared status", async () => {
    const response = await client().request("POST", "/jsonl-status");
    await expectLines(response, '{"index":0,"text":"a","logprob":null}\n', 201);
  });
});

describe("§13 Δ0.135 OpenAPI of a JSON Lines route", () => {
  const doc = createApp().openapi() as Record<string, any>;

  it("documents a typed stream as application/jsonl with the item's schema as itemSchema", () => {
    expect(JSON.stringify(doc.paths["/jsonl"].get.responses)).toBe(
      '{"200":{"description":"Successful Response","content":{"application/jsonl":{"itemSchema":{"$ref":"#/components/schemas/Token"}}}}}',
    );
  });

  it("documents an untyped stream with an empty itemSchema", () => {
    expect(JSON.stringify(doc.paths["/jsonl-untyped"].get.responses)).toBe(
      '{"200":{"description":"Successful Response","content":{"application/jsonl":{"itemSchema":{}}}}}',
    );
  });
});
