import { TestClient } from "tailor";
import { describe, expect, it } from "vitest";
import { app } from "../../examples/performance/app.js";
import { createRequestContext } from "../../src/testing/request-context.js";

const key = { "x-api-key": "secret" };

describe("examples/performance/app.ts", () => {
  it("answers the synchronous route without a promise", () => {
    const response = app.handle(createRequestContext("GET", "/models/m1?limit=5", key));
    expect(response).not.toBeInstanceOf(Promise);
    expect(response).toMatchObject({ status: 200, body: '{"model_id":"m1","limit":5}' });
  });

  it("still answers 401 and FastAPI's 422 on the synchronous route", async () => {
    const client = new TestClient(app);
    const denied = await client.get("/models/m1", { headers: { "x-api-key": "no" } });
    expect([denied.status, await denied.text()]).toEqual([401, '{"detail":"Invalid API key"}']);
    const invalid = await client.get("/models/m1?limit=0", { headers: key });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({
      detail: [
        {
          type: "greater_than_equal",
          loc: ["query", "limit"],
          msg: "Input should be greater than or equal to 1",
          input: "0",
          ctx: { ge: 1 },
        },
      ],
    });
  });

  it("answers the route with an async dependency through a promise", async () => {
    const pending = app.handle(createRequestContext("GET", "/me", key));
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toMatchObject({ status: 200, body: '{"name":"alice"}' });
  });

  it("filters what the response schema does not declare", async () => {
    const r = await new TestClient(app).post("/completions", { json: { text: "hi" } });
    expect(r.status).toBe(201);
    expect(await r.text()).toBe('{"id":"cmpl-1","text":"HI","tokens":2}');
  });
});
