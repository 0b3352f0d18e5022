import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ComponentRegistry, titleCase, toJsonSchema } from "../../src/schema/json-schema.js";
import type { StandardSchemaV1 } from "../../src/schema/standard.js";

const convert = (schema: StandardSchemaV1, io: "input" | "output" = "input") =>
  toJsonSchema(schema, io, new ComponentRegistry());

describe("titleCase", () => {
  it("matches Python's str.title after _ -> space, splitting camelCase", () => {
    expect(titleCase("max_tokens")).toBe("Max Tokens");
    expect(titleCase("read_nested_item")).toBe("Read Nested Item");
    expect(titleCase("readNestedItem")).toBe("Read Nested Item");
    expect(titleCase("x-client-version")).toBe("X-Client-Version");
    expect(titleCase("Response_list_models_models__get")).toBe("Response List Models Models  Get");
    expect(titleCase("item2name")).toBe("Item2Name");
  });
});

describe("toJsonSchema", () => {
  it("writes no $schema key and no additionalProperties:false for a plain object, on either side", () => {
    for (const io of ["input", "output"] as const) {
      const schema = convert(z.object({ a: z.string() }), io);
      expect(schema).toEqual({
        properties: { a: { type: "string", title: "A" } },
        type: "object",
        required: ["a"],
      });
    }
  });

  it("keeps additionalProperties:false for strict objects", () => {
    expect(convert(z.strictObject({ a: z.string() })).additionalProperties).toBe(false);
  });

  it("never marks a defaulted field required, in output mode either", () => {
    const schema = convert(z.object({ a: z.number().default(1), b: z.number() }), "output");
    expect(schema.required).toEqual(["b"]);
  });

  it("writes nullable as anyOf with null and drops Zod's safe-integer bounds", () => {
    expect(convert(z.number().int().nullable())).toEqual({
      anyOf: [{ type: "integer" }, { type: "null" }],
    });
    expect(convert(z.number().int().gt(0).lte(10))).toEqual({
      type: "integer",
      exclusiveMinimum: 0,
      maximum: 10,
    });
  });

  it("carries constraints over", () => {
    expect(convert(z.string().min(2).max(5).regex(/^a+$/))).toEqual({
      type: "string",
      minLength: 2,
      maxLength: 5,
      pattern: "^a+$",
    });
  });

  it("writes enums as string enums", () => {
    expect(convert(z.enum(["a", "b"]))).toEqual({ type: "string", enum: ["a", "b"] });
  });

  it("turns .meta({ id }) schemas into $refs and registered components titled by id", () => {
    const registry = new ComponentRegistry();
    const Pet = z.object({ pet_name: z.string() }).meta({ id: "Pet" });
    expect(toJsonSchema(z.array(Pet), "input", registry)).toEqual({
      items: { $ref: "#/components/schemas/Pet" },
      type: "array",
    });
    expect(registry.finish(true)).toEqual({
      Pet: {
        properties: { pet_name: { type: "string", title: "Pet Name" } },
        type: "object",
        required: ["pet_name"],
        title: "Pet",
      },
    });
  });

  it("documents a schema from another library with its own toJSONSchema, else as {}", () => {
    const standard = {
      "~standard": {
        version: 1 as const,
        vendor: "other",
        validate: (value: unknown) => ({ value }),
      },
    };
    expect(convert(standard)).toEqual({});
    const described = { ...standard, toJSONSchema: () => ({ type: "string", $schema: "x" }) };
    expect(convert(described)).toEqual({ type: "string" });
  });
});
