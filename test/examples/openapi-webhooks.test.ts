import { describe, expect, it } from "vitest";
import { app } from "../../examples/openapi/webhooks.js";
import { TestClient } from "../../src/index.js";
import { expectValidOpenApi } from "../openapi/validate.js";

describe("webhooks and callbacks example", () => {
  const client = new TestClient(app);

  it("documents the webhook and the operation's callback, and serves only the route", async () => {
    const doc = (await (await client.get("/openapi.json")).json()) as Record<string, any>;
    expect(doc.webhooks["new-subscription"].post.description).toBe("Sent when a user subscribes.");
    const callbacks = doc.paths["/invoices"].post.callbacks;
    expect(Object.keys(callbacks.invoice_notification)).toEqual([
      "{$request.body.callback_url}/invoices/{$request.body.id}",
    ]);
    await expectValidOpenApi(doc);
    const r = await client.post("/invoices", {
      json: { id: "i1", callback_url: "https://example.com", total: 1 },
    });
    expect(r.status).toBe(202);
    expect(await r.json()).toEqual({ accepted: "i1" });
    expect((await client.post("/new-subscription", { json: {} })).status).toBe(404);
  });
});
