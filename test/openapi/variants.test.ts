import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "../../src/openapi/build.js";
import { defaultOperationId, documentedPath } from "../../src/openapi/naming.js";
import type { OperationDescription } from "../../src/openapi/types.js";
import { operations, Priced } from "./representative-app.js";
import { expectValidOpenApi } from "./validate.js";

type Json = Record<string, any>;

function route(partial: Partial<OperationDescription>): OperationDescription {
  return {
    path: "/things",
    name: "create_thing",
    methods: ["POST"],
    tags: [],
    parameters: [],
    status: 200,
    responseMediaType: "application/json",
    responses: {},
    security: [],
    ...partial,
  };
}

const query = (name: string) => ({
  name,
  wireName: name,
  in: "query" as const,
  required: true,
  schema: z.string(),
});

function build(ops: OperationDescription[], extra: Json = {}): Json {
  return buildOpenApiDocument(ops, { title: "T", version: "1.0.0", ...extra }) as Json;
}

describe("operation ids and summaries", () => {
  it("uses a custom generateUniqueId, also for the Body_ component name", async () => {
    const doc = build(
      [
        route({
          tags: ["things"],
          requestBody: {
            mediaType: "application/json",
            embedded: true,
            required: true,
            fields: [{ name: "a", wireName: "a", required: true, schema: z.number() }],
          },
        }),
      ],
      { generateUniqueId: (op: OperationDescription) => `${op.tags[0]}-${op.name}` },
    );
    expect(doc.paths["/things"].post.operationId).toBe("things-create_thing");
    expect(doc.components.schemas["Body_things-create_thing"].title).toBe(
      "Body_things-create_thing",
    );
    await expectValidOpenApi(doc);
  });

  it("lets an explicit operationId win over the generated one", () => {
    const doc = build([route({ operationId: "makeThing" })]);
    expect(doc.paths["/things"].post.operationId).toBe("makeThing");
  });

  it("gives each method of a route its own id (FastAPI reuses the first method's: duplicates)", () => {
    const doc = build([route({ methods: ["PUT", "PATCH"] })]);
    expect(doc.paths["/things"].put.operationId).toBe("create_thing_things_put");
    expect(doc.paths["/things"].patch.operationId).toBe("create_thing_things_patch");
    const named = build([route({ methods: ["PUT", "PATCH"], operationId: "touch" })]);
    expect(named.paths["/things"].put.operationId).toBe("touch");
    expect(named.paths["/things"].patch.operationId).toBe("touch_patch");
  });

  it("replaces every non-word character, converters shown by name", () => {
    const op = route({ path: "/files/{p:path}", name: "get-file.v2" });
    expect(defaultOperationId(op, "GET")).toBe("get_file_v2_files__p__get");
    expect(documentedPath("/a/{x:int}/{y}")).toBe("/a/{x}/{y}");
  });

  it("splits camelCase names into Title Case words for the summary, an explicit one wins", () => {
    const doc = build([
      route({ name: "readNestedItem", path: "/a" }),
      route({ name: "x", path: "/b", summary: "Custom" }),
    ]);
    expect(doc.paths["/a"].post.summary).toBe("Read Nested Item");
    expect(doc.paths["/b"].post.summary).toBe("Custom");
  });
});

describe("document level", () => {
  it("orders info keys and emits servers, tags and webhooks only when given", async () => {
    const doc = build([route({})], {
      summary: "S",
      description: "D",
      termsOfService: "https://example.com/terms",
      contact: { name: "Ops" },
      license: { name: "MIT", identifier: "MIT" },
      servers: [{ url: "/api/v1" }],
      openapiTags: [{ name: "b" }, { name: "a" }],
      webhooks: [route({ path: "new-subscription", name: "new_subscription" })],
    });
    expect(Object.keys(doc)).toEqual(["openapi", "info", "servers", "paths", "tags", "webhooks"]);
    expect(Object.keys(doc.info)).toEqual([
      "title",
      "summary",
      "description",
      "version",
      "termsOfService",
      "contact",
      "license",
    ]);
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
    expect(doc.tags).toEqual([{ name: "b" }, { name: "a" }]);
    expect(doc.webhooks["new-subscription"].post.operationId).toBe(
      "new_subscriptionnew_subscription_post",
    );
    await expectValidOpenApi(doc);
  });

  it("has empty paths and no components for an app without routes", async () => {
    const doc = build([]);
    expect(doc).toEqual({ openapi: "3.1.0", info: { title: "T", version: "1.0.0" }, paths: {} });
    await expectValidOpenApi(doc);
  });

  it("omits ValidationError schemas when no operation has inputs", () => {
    const doc = build([route({ responseSchema: z.object({ a: z.string() }) })]);
    expect(doc.components).toBeUndefined();
  });
});

describe("responses", () => {
  it("skips the automatic 422 when the route documents 422, 4XX or default", () => {
    for (const key of ["422", "4XX", "default"]) {
      const doc = build([
        route({ parameters: [query("q")], responses: { [key]: { description: "Custom" } } }),
      ]);
      const responses = doc.paths["/things"].post.responses;
      expect(Object.keys(responses)).toEqual(["200", key]);
      expect(doc.components?.schemas?.HTTPValidationError).toBeUndefined();
    }
  });

  it("defaults an extra response's description to its reason phrase", async () => {
    const doc = build([
      route({
        responses: {
          "404": { model: z.object({ detail: z.string() }).meta({ id: "NotFound" }) },
          "5XX": { content: { "text/plain": { schema: { type: "string" } } } },
          "409": { headers: { "X-Retry": { schema: { type: "integer" } } } },
        },
      }),
    ]);
    const responses = doc.paths["/things"].post.responses;
    expect(responses["404"].description).toBe("Not Found");
    expect(responses["5XX"].description).toBe("Server Error");
    expect(responses["409"]).toEqual({
      headers: { "X-Retry": { schema: { type: "integer" } } },
      description: "Conflict",
    });
    await expectValidOpenApi(doc);
  });

  it("titles an inline extra response schema Response <status> <operation id>", () => {
    const doc = build([route({ responses: { "400": { model: z.array(z.string()) } } })]);
    expect(doc.paths["/things"].post.responses["400"].content["application/json"].schema).toEqual({
      items: { type: "string" },
      type: "array",
      title: "Response 400 Create Thing Things Post",
    });
  });

  it("merges an extra response for the success status into the success entry", () => {
    const doc = build([
      route({
        responseSchema: z.object({ a: z.string() }).meta({ id: "A" }),
        responses: {
          "200": { content: { "image/png": {} }, description: "The thing or its picture" },
        },
      }),
    ]);
    expect(doc.paths["/things"].post.responses["200"]).toEqual({
      description: "The thing or its picture",
      content: {
        "application/json": { schema: { $ref: "#/components/schemas/A" } },
        "image/png": {},
      },
    });
  });

  it("uses responseDescription and the declared status", () => {
    const doc = build([route({ status: 201, responseDescription: "Created it" })]);
    expect(doc.paths["/things"].post.responses["201"].description).toBe("Created it");
  });
});

describe("bodies", () => {
  it("documents several JSON body params as Body_<operationId>, $refs untitled", async () => {
    const Item = z.object({ name: z.string() }).meta({ id: "Item" });
    const doc = build([
      route({
        requestBody: {
          mediaType: "application/json",
          embedded: true,
          required: true,
          fields: [
            { name: "item", wireName: "item", required: true, schema: Item },
            {
              name: "importance",
              wireName: "importance",
              required: false,
              schema: z.number().int().optional(),
              description: "How much",
            },
          ],
        },
      }),
    ]);
    const body = doc.paths["/things"].post.requestBody;
    expect(Object.keys(body)).toEqual(["required", "content"]);
    expect(doc.components.schemas.Body_create_thing_things_post).toEqual({
      properties: {
        item: { $ref: "#/components/schemas/Item" },
        // an optional field without a default is pydantic's `int | None = None`
        importance: {
          anyOf: [{ type: "integer" }, { type: "null" }],
          title: "Importance",
          description: "How much",
        },
      },
      type: "object",
      required: ["item"],
      title: "Body_create_thing_things_post",
    });
    await expectValidOpenApi(doc);
  });

  it("titles an inline single body with the parameter name, nullable and not required when optional", () => {
    const doc = build([
      route({
        requestBody: {
          mediaType: "application/json",
          embedded: false,
          required: false,
          fields: [
            { name: "tags", wireName: "tags", required: false, schema: z.array(z.string()) },
          ],
        },
      }),
    ]);
    expect(doc.paths["/things"].post.requestBody).toEqual({
      content: {
        "application/json": {
          schema: {
            anyOf: [{ items: { type: "string" }, type: "array" }, { type: "null" }],
            title: "Tags",
          },
        },
      },
    });
  });

  it("documents a single file field as a binary string", () => {
    const doc = build([
      route({
        requestBody: {
          mediaType: "multipart/form-data",
          embedded: true,
          required: true,
          fields: [{ name: "file", wireName: "file", required: true, isFile: true }],
        },
      }),
    ]);
    expect(doc.components.schemas.Body_create_thing_things_post.properties.file).toEqual({
      type: "string",
      format: "binary",
      title: "File",
    });
  });
});

describe("input and output schemas", () => {
  it("keeps one input-mode component when separateInputOutputSchemas is false", async () => {
    const doc = build(
      operations.filter((op) => op.path === "/priced"),
      { separateInputOutputSchemas: false },
    );
    const names = Object.keys(doc.components.schemas);
    expect(names).toContain("Priced");
    expect(names).not.toContain("Priced-Input");
    expect(doc.components.schemas.Priced.properties.labels).toEqual({
      type: "string",
      title: "Labels",
    });
    const op = doc.paths["/priced"].post;
    expect(op.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Priced",
    });
    await expectValidOpenApi(doc);
  });

  it("names a model used only as output without a suffix even when its sides differ", () => {
    const doc = build([route({ responseSchema: Priced })]);
    expect(Object.keys(doc.components.schemas)).toEqual(["Priced"]);
    expect(doc.components.schemas.Priced.properties.labels.type).toBe("array");
  });

  it("retargets references nested in other components to the matching side", () => {
    const Wrapper = z.object({ priced: Priced }).meta({ id: "Wrapper" });
    const doc = build([
      route({
        requestBody: {
          mediaType: "application/json",
          embedded: false,
          required: true,
          fields: [{ name: "w", wireName: "w", required: true, schema: Wrapper }],
        },
        responseSchema: Wrapper,
      }),
    ]);
    const { schemas } = doc.components;
    expect(schemas["Wrapper-Input"].properties.priced).toEqual({
      $ref: "#/components/schemas/Priced-Input",
    });
    expect(schemas["Wrapper-Output"].properties.priced).toEqual({
      $ref: "#/components/schemas/Priced-Output",
    });
  });
});

describe("parameters", () => {
  it("documents deprecated params and examples, and enum params as $ref", async () => {
    const Color = z.enum(["red", "blue"]).meta({ id: "Color" });
    const doc = build([
      route({
        path: "/paint/{color}",
        parameters: [
          { name: "color", wireName: "color", in: "path", required: true, schema: Color },
          {
            name: "old",
            wireName: "old",
            in: "query",
            required: false,
            schema: z.boolean().default(false),
            deprecated: true,
            examples: [true],
          },
          {
            name: "session",
            wireName: "session",
            in: "cookie",
            required: false,
            schema: z.string().nullish(),
          },
        ],
      }),
    ]);
    const [color, old, session] = doc.paths["/paint/{color}"].post.parameters;
    expect(color.schema).toEqual({ $ref: "#/components/schemas/Color" });
    expect(old).toEqual({
      name: "old",
      in: "query",
      required: false,
      schema: { type: "boolean", title: "Old", default: false, examples: [true], deprecated: true },
      deprecated: true,
    });
    expect(session.schema).toEqual({
      anyOf: [{ type: "string" }, { type: "null" }],
      title: "Session",
    });
    await expectValidOpenApi(doc);
  });

  it("documents a parameter declared twice once", () => {
    const doc = build([route({ parameters: [query("q"), query("q")] })]);
    expect(doc.paths["/things"].post.parameters).toHaveLength(1);
  });
});
