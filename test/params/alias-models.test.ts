import { expect, it } from "vitest";
import { z } from "zod";
import { App, Cookie, Form, Header, Query } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

const Filters = z.object({
  page_size: z.number().int().meta({ alias: "pageSize" }).default(10),
  tag_names: z.array(z.string()).meta({ alias: "tagNames" }).default([]),
});
const Headers = z.object({
  client_version: z.string().meta({ alias: "X-Client_Version" }),
  trace_id: z.string().optional(),
});
const Cookies = z.object({ session_id: z.string().meta({ alias: "sessionId" }) });
const Login = z.object({ user_name: z.string().meta({ alias: "userName" }) });

function createApp(): App {
  const app = new App();
  app.get("/filters", { params: { filters: Query(Filters) } }, ({ filters }) => filters);
  app.get("/headers", { params: { headers: Header(Headers) } }, ({ headers }) => headers);
  app.get("/cookies", { params: { cookies: Cookie(Cookies) } }, ({ cookies }) => cookies);
  app.post("/login", { params: { form: Form(Login) } }, ({ form }) => form);
  return app;
}

describeTransports("aliases in parameter models", createApp, (client) => {
  it("reads a query model's fields from their aliases, lists included", async () => {
    const r = await client().request(
      "GET",
      "/filters?pageSize=3&tagNames=a&tagNames=b&page_size=9",
    );
    expect(await r.json()).toEqual({ page_size: 3, tag_names: ["a", "b"] });
  });

  it("reports a bad query model field at its alias", async () => {
    const r = await client().request("GET", "/filters?pageSize=x");
    expect(r.status).toBe(422);
    const body = (await r.json()) as { detail: { loc: unknown[] }[] };
    expect(body.detail.map((d) => d.loc)).toEqual([["query", "pageSize"]]);
  });

  it("reads a header model's aliased field from the alias as written, others hyphenated", async () => {
    const r = await client().request("GET", "/headers", {
      headers: { "x-client_version": "1.2", "trace-id": "t" },
    });
    expect(await r.json()).toEqual({ client_version: "1.2", trace_id: "t" });
  });

  it("reads cookie and form models from their aliases", async () => {
    const c = await client().request("GET", "/cookies", { headers: { cookie: "sessionId=s1" } });
    expect(await c.json()).toEqual({ session_id: "s1" });
    const f = await client().request("POST", "/login", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "userName=ann",
    });
    expect(await f.json()).toEqual({ user_name: "ann" });
  });

  it("documents each model field under its alias", async () => {
    const doc = (await (await client().request("GET", "/openapi.json")).json()) as any;
    const names = (path: string, method = "get") =>
      doc.paths[path][method].parameters.map((p: { name: string }) => p.name);
    expect(names("/filters")).toEqual(["pageSize", "tagNames"]);
    expect(names("/headers")).toEqual(["x-client_version", "trace-id"]);
    expect(names("/cookies")).toEqual(["sessionId"]);
    const form = doc.paths["/login"].post.requestBody.content["application/x-www-form-urlencoded"];
    const ref = form.schema.$ref as string | undefined;
    const schema = ref ? doc.components.schemas[ref.split("/").pop()!] : form.schema;
    expect(Object.keys(schema.properties)).toEqual(["userName"]);
  });
});
