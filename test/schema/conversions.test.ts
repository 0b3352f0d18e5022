import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileValidator, describeSchema, isStandardSchema } from "../../src/schema/index.js";
import type { StandardSchemaV1 } from "../../src/schema/standard.js";
import { convertedValue, errorsOf } from "./helpers.js";

const types = (errors: { type: string }[]) => errors.map((e) => e.type);

describe("lax conversions from strings", () => {
  it("reads integers as pydantic does: whitespace and a zero fraction are allowed", () => {
    expect(convertedValue(z.int(), " 5 ", "string")).toBe(5);
    expect(convertedValue(z.int(), "+7", "string")).toBe(7);
    expect(convertedValue(z.int(), "5.0", "string")).toBe(5);
    expect(types(errorsOf(z.int(), "1e3", ["q"], "string"))).toEqual(["int_parsing"]);
  });

  // pydantic-core strips underscores between digits, as Python's int("1_000") does
  it("reads digits grouped by underscores, as pydantic does", () => {
    expect(convertedValue(z.int(), "1_000_000", "string")).toBe(1_000_000);
    expect(convertedValue(z.int(), "-1_0", "string")).toBe(-10);
    expect(convertedValue(z.number(), "1_0.5", "string")).toBe(10.5);
    expect(convertedValue(z.number(), "1e1_0", "string")).toBe(1e10);
    for (const bad of ["_1", "1_", "1__0", "1_0_", "1_000.0", "1_0.5"]) {
      expect(types(errorsOf(z.int(), bad, ["q"], "string")), bad).toEqual(["int_parsing"]);
    }
    for (const bad of ["_1", "1__0", "1.5_"]) {
      expect(types(errorsOf(z.number(), bad, ["q"], "string")), bad).toEqual(["float_parsing"]);
    }
  });

  it("refuses an integer string past 4,300 characters as int_parsing_size", () => {
    const digits = "1".repeat(4301);
    expect(errorsOf(z.int(), digits, ["q"], "string")).toEqual([
      {
        type: "int_parsing_size",
        loc: ["q"],
        msg: "Unable to parse input string as an integer, exceeded maximum size",
        input: digits,
      },
    ]);
  });

  it("reads floats and rejects inf/nan as non-finite", () => {
    expect(convertedValue(z.number(), "1.5", "string")).toBe(1.5);
    expect(convertedValue(z.number(), "1e3", "string")).toBe(1000);
    expect(convertedValue(z.number(), ".5", "string")).toBe(0.5);
    expect(errorsOf(z.number(), "inf", ["q"], "string")).toEqual([
      { type: "finite_number", loc: ["q"], msg: "Input should be a finite number", input: "inf" },
    ]);
    expect(types(errorsOf(z.number(), "0x10", ["q"], "string"))).toEqual(["float_parsing"]);
  });

  it("accepts pydantic's boolean spellings in any case", () => {
    for (const word of ["1", "true", "T", "yes", "Y", "on"]) {
      expect(convertedValue(z.boolean(), word, "string")).toBe(true);
    }
    for (const word of ["0", "FALSE", "f", "no", "n", "off"]) {
      expect(convertedValue(z.boolean(), word, "string")).toBe(false);
    }
  });

  it("matches numeric enum members from their string form", () => {
    expect(convertedValue(z.literal([1, 2]), "2", "string")).toBe(2);
  });

  it("treats a single string for a list schema as a list of one", () => {
    expect(convertedValue(z.array(z.int()), "3", "string")).toEqual([3]);
  });
});

describe("lax conversions from JSON", () => {
  it("accepts numeric strings and integral floats for ints", () => {
    expect(convertedValue(z.int(), "2")).toBe(2);
    expect(convertedValue(z.int(), 2.0)).toBe(2);
    expect(convertedValue(z.int(), true)).toBe(1);
  });

  it("does not turn numbers or booleans into strings", () => {
    expect(types(errorsOf(z.string(), true, ["b"]))).toEqual(["string_type"]);
  });

  it("accepts 0/1 and the string spellings for booleans, rejects other numbers", () => {
    expect(convertedValue(z.boolean(), 0)).toBe(false);
    expect(convertedValue(z.boolean(), "yes")).toBe(true);
    expect(types(errorsOf(z.boolean(), 2, ["b"]))).toEqual(["bool_parsing"]);
    expect(types(errorsOf(z.boolean(), null, ["b"]))).toEqual(["bool_type"]);
  });
});

describe("objects", () => {
  it("drops unknown keys and fills defaults, leaving absent optionals out", () => {
    const schema = z.object({ a: z.string(), b: z.int().default(3), c: z.string().optional() });
    expect(convertedValue(schema, { a: "x", extra: 1 })).toEqual({ a: "x", b: 3 });
  });

  it("keeps unknown keys of a loose object and validates catchall values", () => {
    expect(convertedValue(z.looseObject({ a: z.string() }), { a: "x", b: 1 })).toEqual({
      a: "x",
      b: 1,
    });
    const counts = z.object({ a: z.string() }).catchall(z.int());
    expect(errorsOf(counts, { a: "x", n: "many" }, ["body"])).toMatchObject([
      { type: "int_parsing", loc: ["body", "n"] },
    ]);
  });

  it("reports nested errors with the full path", () => {
    const schema = z.object({ item: z.object({ price: z.number() }), ids: z.array(z.int()) });
    expect(errorsOf(schema, { item: { price: "x" }, ids: [1, "y"] }, ["body"])).toMatchObject([
      { type: "float_parsing", loc: ["body", "item", "price"] },
      { type: "int_parsing", loc: ["body", "ids", 1] },
    ]);
  });

  it("validates recursive schemas", () => {
    const Node: z.ZodType<{ name: string; children: unknown[] }> = z.object({
      name: z.string(),
      get children() {
        return z.array(Node);
      },
    });
    expect(
      errorsOf(Node, { name: "a", children: [{ name: 1, children: [] }] }, ["body"]),
    ).toMatchObject([{ type: "string_type", loc: ["body", "children", 0, "name"] }]);
  });
});

describe("wrappers and unions", () => {
  it("accepts null for nullable and reports the inner errors otherwise", () => {
    expect(convertedValue(z.int().nullable(), null)).toBeNull();
    expect(types(errorsOf(z.int().nullable(), "x", ["q"]))).toEqual(["int_parsing"]);
  });

  it("does not treat an empty query value as null for an optional int", () => {
    expect(types(errorsOf(z.int().optional(), "", ["query", "n"], "string"))).toEqual([
      "int_parsing",
    ]);
  });

  it("prefers the member the input already matches, then converts in order", () => {
    const intOrStr = z.union([z.int(), z.string()]);
    expect(convertedValue(intOrStr, "5")).toBe("5");
    expect(convertedValue(intOrStr, 5)).toBe(5);
    expect(convertedValue(z.union([z.int(), z.boolean()]), "5")).toBe(5);
  });

  it("reports every member's errors under the member's tag when all fail", () => {
    expect(errorsOf(z.union([z.int(), z.string()]), [], ["body", "x"])).toEqual([
      {
        type: "int_type",
        loc: ["body", "x", "int"],
        msg: "Input should be a valid integer",
        input: [],
      },
      {
        type: "string_type",
        loc: ["body", "x", "str"],
        msg: "Input should be a valid string",
        input: [],
      },
    ]);
  });

  it("treats a union with null as nullable, without tags", () => {
    expect(errorsOf(z.union([z.int(), z.null()]), "x", ["q"])).toMatchObject([
      { type: "int_parsing", loc: ["q"] },
    ]);
  });

  it("selects a discriminated union member by its tag and reports unknown tags", () => {
    const Pet = z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("cat"), meows: z.int() }),
      z.object({ kind: z.literal("dog"), barks: z.int() }),
    ]);
    expect(errorsOf(Pet, { kind: "cat", meows: "x" }, ["body"])).toMatchObject([
      { type: "int_parsing", loc: ["body", "cat", "meows"] },
    ]);
    expect(errorsOf(Pet, { kind: "fish" }, ["body"])).toEqual([
      {
        type: "union_tag_invalid",
        loc: ["body"],
        msg: "Input tag 'fish' found using 'kind' does not match any of the expected tags: 'cat', 'dog'",
        input: { kind: "fish" },
        ctx: { discriminator: "'kind'", tag: "fish", expected_tags: "'cat', 'dog'" },
      },
    ]);
  });

  it("applies transforms, trims and catch values", () => {
    expect(
      convertedValue(
        z.string().transform((s) => s.length),
        "abc",
      ),
    ).toBe(3);
    expect(convertedValue(z.string().trim().min(2), "  ab  ")).toBe("ab");
    expect(convertedValue(z.int().catch(-1), "x")).toBe(-1);
  });
});

describe("string formats", () => {
  it("reports a bad uuid as uuid_parsing", () => {
    expect(errorsOf(z.uuid(), "abc", ["path", "id"], "string")).toEqual([
      {
        type: "uuid_parsing",
        loc: ["path", "id"],
        msg: "Input should be a valid UUID, invalid length: expected length 32 for simple format, found 3",
        input: "abc",
        ctx: { error: "invalid length: expected length 32 for simple format, found 3" },
      },
    ]);
  });

  it("reports a bad email as value_error with pydantic's prefix", () => {
    expect(errorsOf(z.string().email(), "nobody", ["body", "email"])[0]).toMatchObject({
      type: "value_error",
      msg: "value is not a valid email address: An email address must have an @-sign.",
    });
  });

  it("falls back to Zod's message for formats without a pydantic type", () => {
    expect(errorsOf(z.string().startsWith("a"), "b", ["q"])).toEqual([
      {
        type: "value_error",
        loc: ["q"],
        msg: 'Value error, Invalid string: must start with "a"',
        input: "b",
        ctx: { error: {} },
      },
    ]);
  });
});

describe("fallback to the schema's own validation", () => {
  it("runs an object refinement after the fields are valid, with its path", () => {
    const Range = z
      .object({ lo: z.int(), hi: z.int() })
      .refine((r) => r.lo <= r.hi, { message: "lo must not exceed hi", path: ["hi"] });
    expect(errorsOf(Range, { lo: "5", hi: "1" }, ["body"])).toEqual([
      {
        type: "value_error",
        loc: ["body", "hi"],
        msg: "Value error, lo must not exceed hi",
        input: 1,
        ctx: { error: {} },
      },
    ]);
    expect(types(errorsOf(Range, { lo: "x", hi: 1 }, ["body"]))).toEqual(["int_parsing"]);
  });

  it("translates the issues of a non-Zod Standard Schema", () => {
    const even: StandardSchemaV1<unknown, number> = {
      "~standard": {
        version: 1,
        vendor: "hand-made",
        validate: (value) =>
          typeof value === "number" && value % 2 === 0
            ? { value }
            : { issues: [{ message: "must be even", path: [{ key: "n" }] }] },
      },
    };
    expect(isStandardSchema(even)).toBe(true);
    expect(compileValidator(even, { input: "json" })(4, ["body"])).toEqual({ ok: true, value: 4 });
    expect(errorsOf(z.object({ wrap: even as never }), { wrap: { n: 3 } }, ["body"])).toEqual([
      {
        type: "value_error",
        loc: ["body", "wrap", "n"],
        msg: "Value error, must be even",
        input: 3,
        ctx: { error: {} },
      },
    ]);
  });

  it("refuses async refinements with a clear error", () => {
    const slow = z.string().refine(async () => true);
    expect(() => errorsOf(slow, "x", ["q"])).toThrow(/synchronously/);
  });
});

describe("describeSchema", () => {
  it("sees through optional and default wrappers", () => {
    expect(describeSchema(z.array(z.string()).optional())).toEqual({
      optional: true,
      isList: true,
      isObject: false,
    });
    expect(describeSchema(z.object({}).default({}))).toEqual({
      optional: true,
      isList: false,
      isObject: true,
    });
    expect(describeSchema(z.int())).toEqual({ optional: false, isList: false, isObject: false });
  });
});

describe("fields named like Object.prototype members", () => {
  const schema = z.object({
    constructor: z.string().optional(),
    toString: z.number().default(1),
    valueOf: z.string(),
  });
  const validate = compileValidator(schema, { input: "json" });

  it("read as absent when the input does not have them", () => {
    expect(validate({ valueOf: "v" }, ["body"])).toEqual({
      ok: true,
      value: { toString: 1, valueOf: "v" },
    });
    const missing = validate({}, ["body"]);
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.errors).toEqual([
        { type: "missing", loc: ["body", "valueOf"], msg: "Field required", input: {} },
      ]);
    }
  });

  it("read as sent when the input has them", () => {
    expect(
      validate(JSON.parse('{"constructor":"c","toString":2,"valueOf":"v"}'), ["body"]),
    ).toEqual({
      ok: true,
      value: { constructor: "c", toString: 2, valueOf: "v" },
    });
  });
});
