import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App, Cookie, Header, TestClient } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";
import { expectValidOpenApi } from "../openapi/validate.js";

const CommonHeaders = z.object({
  host: z.string(),
  save_data: z.boolean(),
  if_modified_since: z.string().optional(),
  traceparent: z.string().optional(),
  x_tag: z.array(z.string()).default([]),
});
const StrictHeaders = z.strictObject({ x_token: z.string() });
const Cookies = z.object({
  session_id: z.string(),
  fatebook_tracker: z.string().optional(),
  visits: z.number().int().default(0),
});

function createApp(): App {
  const app = new App();
  app.get("/headers", { params: { headers: Header(CommonHeaders) } }, ({ headers }) => ({
    save_data: headers.save_data,
    if_modified_since: headers.if_modified_since ?? null,
    x_tag: headers.x_tag,
    has_host: headers.host.length > 0,
  }));
  app.get(
    "/strict-headers",
    { params: { headers: Header(StrictHeaders) } },
    ({ headers }) => headers,
  );
  app.get(
    "/raw-headers",
    {
      params: {
        headers: Header(z.object({ save_data: z.string().optional() }), {
          convertUnderscores: false,
        }),
      },
    },
    ({ headers }) => headers,
  );
  app.get("/cookies", { params: { cookies: Cookie(Cookies) } }, ({ cookies }) => cookies);
  app.get(
    "/strict-cookies",
    { params: { cookies: Cookie(z.strictObject({ session_id: z.string() })) } },
    ({ cookies }) => cookies,
  );
  return app;
}

describeTransports("header and cookie models", createApp, (client) => {
  it("reads each field of a header model from its hyphenated header, converting the value", async () => {
    const r = await client().request("GET", "/headers", {
      headers: { "save-data": "true", "if-modified-since": "yesterday", "x-tag": "a" },
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      save_data: true,
      if_modified_since: "yesterday",
      x_tag: ["a"],
      has_host: true,
    });
  });

  it("a missing header model field is a 422 at loc [header, field]", async () => {
    const r = await client().request("GET", "/headers");
    expect(r.status).toBe(422);
    const { detail } = (await r.json()) as { detail: Record<string, unknown>[] };
    expect(detail).toHaveLength(1);
    expect(detail[0]).toMatchObject({
      type: "missing",
      loc: ["header", "save_data"],
      msg: "Field required",
    });
    // FastAPI's input is every header the model saw
    expect(detail[0]!.input).toHaveProperty("host");
  });

  it("a wrong header model value is a 422 naming the field", async () => {
    const r = await client().request("GET", "/headers", { headers: { "save-data": "maybe" } });
    expect(r.status).toBe(422);
    const { detail } = (await r.json()) as { detail: Record<string, unknown>[] };
    expect(detail).toEqual([
      {
        type: "bool_parsing",
        loc: ["header", "save_data"],
        msg: "Input should be a valid boolean, unable to interpret input",
        input: "maybe",
      },
    ]);
  });

  it("a strict header model rejects headers it does not declare", async () => {
    const r = await client().request("GET", "/strict-headers", {
      headers: { "x-token": "t", tool: "plumbus" },
    });
    expect(r.status).toBe(422);
    const { detail } = (await r.json()) as { detail: Record<string, unknown>[] };
    expect(detail).toContainEqual({
      type: "extra_forbidden",
      loc: ["header", "tool"],
      msg: "Extra inputs are not permitted",
      input: "plumbus",
    });
    expect(detail.some((error) => (error.loc as string[])[1] === "x-token")).toBe(false);
  });

  it("convertUnderscores: false reads a header model's fields by their own names", async () => {
    const r = await client().request("GET", "/raw-headers", { headers: { save_data: "yes" } });
    expect(((await r.json()) as Record<string, unknown>).save_data).toBe("yes");
  });

  it("reads a cookie model from the cookies, converting and defaulting fields", async () => {
    const r = await client().request("GET", "/cookies", {
      headers: { cookie: "session_id=abc; visits=3" },
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ session_id: "abc", visits: 3 });
  });

  it("a missing cookie model field is a 422 at loc [cookie, field] with the cookies as input", async () => {
    const r = await client().request("GET", "/cookies", { headers: { cookie: "visits=1" } });
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({
      detail: [
        {
          type: "missing",
          loc: ["cookie", "session_id"],
          msg: "Field required",
          input: { visits: "1" },
        },
      ],
    });
  });

  it("a strict cookie model rejects cookies it does not declare", async () => {
    const r = await client().request("GET", "/strict-cookies", {
      headers: { cookie: "session_id=abc; santa_tracker=good-list-please" },
    });
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({
      detail: [
        {
          type: "extra_forbidden",
          loc: ["cookie", "santa_tracker"],
          msg: "Extra inputs are not permitted",
          input: "good-list-please",
        },
      ],
    });
  });
});

describe("header and cookie models in OpenAPI", () => {
  it("document each field as its own parameter, header names hyphenated", async () => {
    const doc = (await (await new TestClient(createApp()).get("/openapi.json")).json()) as any;
    const headerParams = doc.paths["/headers"].get.parameters;
    expect(headerParams.map((p: any) => [p.name, p.in, p.required, p.schema.title])).toEqual([
      ["host", "header", true, "Host"],
      ["save-data", "header", true, "Save Data"],
      ["if-modified-since", "header", false, "If Modified Since"],
      ["traceparent", "header", false, "Traceparent"],
      ["x-tag", "header", false, "X Tag"],
    ]);
    expect(doc.paths["/raw-headers"].get.parameters[0].name).toBe("save_data");
    expect(doc.paths["/cookies"].get.parameters).toEqual([
      {
        name: "session_id",
        in: "cookie",
        required: true,
        schema: { type: "string", title: "Session Id" },
      },
      {
        name: "fatebook_tracker",
        in: "cookie",
        required: false,
        schema: { anyOf: [{ type: "string" }, { type: "null" }], title: "Fatebook Tracker" },
      },
      {
        name: "visits",
        in: "cookie",
        required: false,
        schema: { type: "integer", title: "Visits", default: 0 },
      },
    ]);
    await expectValidOpenApi(doc);
  });
});
