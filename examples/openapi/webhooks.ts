import { z } from "zod";
import { APIRouter, App, Header } from "../../src/index.js";

export const app = new App({ title: "Billing" });

// #region webhooks
const Subscription = z.object({ username: z.string(), monthly_fee: z.number() });

// A webhook: a request this app sends to its users' servers. Documented, never served.
app.webhooks.post(
  "new-subscription",
  { params: { body: Subscription }, description: "Sent when a user subscribes." },
  function new_subscription() {},
);

// Callbacks: the requests one operation sends back, to a URL the client gave it.
const Invoice = z.object({ id: z.string(), callback_url: z.string(), total: z.number() });
const invoiceCallbacks = new APIRouter();
invoiceCallbacks.post(
  "{$request.body.callback_url}/invoices/{$request.body.id}",
  {
    params: { body: z.object({ paid: z.boolean() }), x_signature: Header(z.string()) },
    response: z.object({ ok: z.boolean() }),
  },
  // never called: the handler's return type only checks the documented answer
  function invoice_notification() {
    return { ok: true };
  },
);

app.post(
  "/invoices",
  { params: { invoice: Invoice }, callbacks: invoiceCallbacks, status: 202 },
  function createInvoice({ invoice }) {
    return { accepted: invoice.id };
  },
);
// #endregion webhooks
