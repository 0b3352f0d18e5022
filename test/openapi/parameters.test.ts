import { expect, it } from "vitest";
import { z } from "zod";
import { App, Files, Header, Query } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

function optionalParamsApp(): App {
  const app = new App();
  app.post(
    "/search",
    {
      params: {
        q: z.string().nullable().default(null),
        tag: Query(z.string().optional(), { description: "a tag" }),
        limit: z.number().int().default(10),
        agent: Header(z.string().nullable().default(null)),
        images: Files(),
      },
    },
    () => ({}),
  );
  return app;
}

describeTransports("optional parameters in /openapi.json", optionalParamsApp, (client) => {
  async function operation() {
    const r = await client().request("GET", "/openapi.json");
    return (await r.json()).paths["/search"].post;
  }

  it("a param defaulting to null has no default key, as FastAPI writes `q: str | None = None`", async () => {
    const byName = Object.fromEntries(
      (await operation()).parameters.map((p: { name: string; schema: unknown }) => [
        p.name,
        p.schema,
      ]),
    );
    expect(byName.q).toEqual({ anyOf: [{ type: "string" }, { type: "null" }], title: "Q" });
    expect(byName.agent).toEqual({ anyOf: [{ type: "string" }, { type: "null" }], title: "Agent" });
    expect(byName.tag).toEqual({
      anyOf: [{ type: "string" }, { type: "null" }],
      title: "Tag",
      description: "a tag",
    });
    expect(byName.limit).toEqual({ type: "integer", title: "Limit", default: 10 });
  });

  it("a list of files is an array of binary items", async () => {
    const r = await client().request("GET", "/openapi.json");
    const body = (await r.json()).components.schemas.Body_post_search_search_post;
    expect(body.properties.images).toEqual({
      items: { type: "string", format: "binary" },
      type: "array",
      title: "Images",
    });
  });

  it("ValidationError lists input and ctx, as FastAPI 0.141", async () => {
    const r = await client().request("GET", "/openapi.json");
    const schema = (await r.json()).components.schemas.ValidationError;
    expect(Object.keys(schema.properties)).toEqual(["loc", "msg", "type", "input", "ctx"]);
    expect(schema.properties.input).toEqual({ title: "Input" });
    expect(schema.properties.ctx).toEqual({ type: "object", title: "Context" });
  });
});
