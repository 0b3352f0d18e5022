import { describe, expect, it } from "vitest";
import { z } from "zod";
import { APIRouter, App, Header, TestClient } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";
import { expectValidOpenApi } from "../openapi/validate.js";

type Json = Record<string, any>;

const Subscription = z.object({
  username: z.string(),
  monthly_fee: z.number(),
  start_date: z.string(),
});
const Invoice = z.object({ id: z.string(), total: z.number() });
const InvoiceEventReceived = z.object({ ok: z.boolean() });

function createApp(): App {
  const app = new App();
  app.webhooks.post(
    "new-subscription",
    { params: { body: Subscription }, description: "When a new user subscribes." },
    function new_subscription() {},
  );
  const invoiceCallbacks = new APIRouter();
  invoiceCallbacks.post(
    "{$callback_url}/invoices/{$request.body.id}",
    {
      params: { body: Invoice, x_signature: Header(z.string()) },
      response: InvoiceEventReceived,
    },
    function invoice_notification() {
      return { ok: true };
    },
  );
  app.post(
    "/invoices/",
    { params: { invoice: Invoice }, callbacks: invoiceCallbacks },
    function create_invoice({ invoice }) {
      return { msg: "Invoice received", id: invoice.id };
    },
  );
  return app;
}

async function documentOf(app: App): Promise<Json> {
  return (await (await new TestClient(app).get("/openapi.json")).json()) as Json;
}

describe("app.webhooks", () => {
  it("documents each webhook under the top-level webhooks, as FastAPI does", async () => {
    const doc = await documentOf(createApp());
    expect(Object.keys(doc.webhooks)).toEqual(["new-subscription"]);
    const operation = doc.webhooks["new-subscription"].post;
    expect(operation.summary).toBe("New Subscription");
    expect(operation.description).toBe("When a new user subscribes.");
    expect(operation.operationId).toBe("new_subscriptionnew_subscription_post");
    expect(operation.requestBody.required).toBe(true);
    expect(operation.requestBody.content["application/json"].schema).toBeDefined();
    expect(Object.keys(operation.responses)).toEqual(["200", "422"]);
    expect(doc.paths["new-subscription"]).toBeUndefined();
    await expectValidOpenApi(doc);
  });

  it("a webhook declared after the document was built appears in the next one", async () => {
    const app = new App();
    expect((await documentOf(app)).webhooks).toBeUndefined();
    app.webhooks.post("ping", {}, function ping() {});
    expect(Object.keys((await documentOf(app)).webhooks)).toEqual(["ping"]);
  });
});

describe("route callbacks", () => {
  it("documents the callback routes under the operation's callbacks, before responses", async () => {
    const doc = await documentOf(createApp());
    const operation = doc.paths["/invoices/"].post;
    expect(Object.keys(operation)).toEqual([
      "summary",
      "operationId",
      "requestBody",
      "callbacks",
      "responses",
    ]);
    const item = operation.callbacks.invoice_notification;
    expect(Object.keys(item)).toEqual(["{$callback_url}/invoices/{$request.body.id}"]);
    const callback = item["{$callback_url}/invoices/{$request.body.id}"].post;
    expect(callback.summary).toBe("Invoice Notification");
    expect(callback.parameters).toEqual([
      {
        name: "x-signature",
        in: "header",
        required: true,
        schema: { type: "string", title: "X-Signature" },
      },
    ]);
    expect(callback.responses["200"].content["application/json"].schema).toBeDefined();
    await expectValidOpenApi(doc);
  });
});

describeTransports("webhooks and callbacks are never served", createApp, (client) => {
  it("a webhook path is not a route", async () => {
    const r = await client().request("POST", "/new-subscription", {
      json: { username: "a", monthly_fee: 1, start_date: "x" },
    });
    expect(r.status).toBe(404);
  });

  it("the route with callbacks serves as usual", async () => {
    const r = await client().request("POST", "/invoices/", { json: { id: "i1", total: 3 } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ msg: "Invoice received", id: "i1" });
  });
});
