import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileValidator } from "../../src/schema/index.js";
import type { ValidationErrorDetail } from "../../src/schema/types.js";
import { Item, Strict } from "../parity/apps/app-validation.js";
import { convertedValue, detail, errorsOf } from "./helpers.js";

// The models of golden/apps/app_validation.py, written in Zod (shared with the parity app).
const SearchQuery = z.object({
  q: z
    .string()
    .min(3)
    .max(5)
    .regex(/^[a-z]+$/),
  limit: z.number().int().min(1).max(100).default(10),
  flag: z.boolean().default(false),
});
const itemId = z.number().int();
const bounded = z.number().int().min(1).max(100);

describe("§2.3 recorded validation cases", () => {
  it("path-int-coercion-failure and path-int-float-string report int_parsing", () => {
    expect(errorsOf(itemId, "foo", ["path", "item_id"], "string")).toEqual(
      detail(
        '{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"foo"}]}',
      ),
    );
    expect(errorsOf(itemId, "5.5", ["path", "item_id"], "string")).toEqual(
      detail(
        '{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"5.5"}]}',
      ),
    );
  });

  it("path-enum-invalid reports enum with the expected values", () => {
    expect(errorsOf(z.enum(["red", "green"]), "blue", ["path", "color"], "string")).toEqual(
      detail(
        `{"detail":[{"type":"enum","loc":["path","color"],"msg":"Input should be 'red' or 'green'","input":"blue","ctx":{"expected":"'red' or 'green'"}}]}`,
      ),
    );
  });

  it("path-ge-violation and path-le-violation keep the raw string as input", () => {
    expect(errorsOf(bounded, "0", ["path", "n"], "string")).toEqual(
      detail(
        '{"detail":[{"type":"greater_than_equal","loc":["path","n"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}',
      ),
    );
    expect(errorsOf(bounded, "101", ["path", "n"], "string")).toEqual(
      detail(
        '{"detail":[{"type":"less_than_equal","loc":["path","n"],"msg":"Input should be less than or equal to 100","input":"101","ctx":{"le":100}}]}',
      ),
    );
  });

  it("query-required-missing reports missing with a null input", () => {
    expect(errorsOf(SearchQuery.shape.q, undefined, ["query", "q"], "string")).toEqual(
      detail(
        '{"detail":[{"type":"missing","loc":["query","q"],"msg":"Field required","input":null}]}',
      ),
    );
  });

  it("query int failures: 'ten', '', '0', '1000'", () => {
    const limit = SearchQuery.shape.limit;
    const loc = ["query", "limit"];
    expect(errorsOf(limit, "ten", loc, "string")[0]).toMatchObject({
      type: "int_parsing",
      input: "ten",
    });
    expect(errorsOf(limit, "", loc, "string")).toEqual(
      detail(
        '{"detail":[{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":""}]}',
      ),
    );
    expect(errorsOf(limit, "0", loc, "string")).toEqual(
      detail(
        '{"detail":[{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}',
      ),
    );
    expect(errorsOf(limit, "1000", loc, "string")).toEqual(
      detail(
        '{"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"1000","ctx":{"le":100}}]}',
      ),
    );
  });

  it("query-multiple-errors collects every error in field order", () => {
    expect(errorsOf(SearchQuery, { q: "A", limit: "x", flag: "z" }, ["query"], "string")).toEqual(
      detail(
        '{"detail":[{"type":"string_too_short","loc":["query","q"],"msg":"String should have at least 3 characters","input":"A","ctx":{"min_length":3}},{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"bool_parsing","loc":["query","flag"],"msg":"Input should be a valid boolean, unable to interpret input","input":"z"}]}',
      ),
    );
  });

  it("query-max-length, query-pattern and query-bool-invalid", () => {
    const q = SearchQuery.shape.q;
    expect(errorsOf(q, "abcdefg", ["query", "q"], "string")[0]).toMatchObject({
      type: "string_too_long",
      ctx: { max_length: 5 },
    });
    expect(errorsOf(q, "ABC", ["query", "q"], "string")).toEqual(
      detail(
        `{"detail":[{"type":"string_pattern_mismatch","loc":["query","q"],"msg":"String should match pattern '^[a-z]+$'","input":"ABC","ctx":{"pattern":"^[a-z]+$"}}]}`,
      ),
    );
    expect(errorsOf(SearchQuery.shape.flag, "maybe", ["query", "flag"], "string")).toEqual(
      detail(
        '{"detail":[{"type":"bool_parsing","loc":["query","flag"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}]}',
      ),
    );
  });

  it("header-missing and header-int-invalid", () => {
    const loc = ["header", "x-count"];
    expect(errorsOf(z.int(), undefined, loc, "string")).toEqual(
      detail(
        '{"detail":[{"type":"missing","loc":["header","x-count"],"msg":"Field required","input":null}]}',
      ),
    );
    expect(errorsOf(z.int(), "many", loc, "string")).toEqual(
      detail(
        '{"detail":[{"type":"int_parsing","loc":["header","x-count"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"many"}]}',
      ),
    );
  });

  it("body-missing-field gives the enclosing object as input", () => {
    expect(errorsOf(Item, { name: "a" }, ["body"])).toEqual(
      detail(
        '{"detail":[{"type":"missing","loc":["body","price"],"msg":"Field required","input":{"name":"a"}}]}',
      ),
    );
  });

  it("body-missing-entirely (and a null body, once read as absent) is missing at ['body']", () => {
    expect(errorsOf(Item, undefined, ["body"])).toEqual(
      detail('{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}'),
    );
  });

  it("body-empty-object reports every missing required field", () => {
    expect(errorsOf(Item, {}, ["body"])).toEqual(
      detail(
        '{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{}},{"type":"missing","loc":["body","price"],"msg":"Field required","input":{}}]}',
      ),
    );
  });

  it("body-wrong-type reports the four type errors", () => {
    expect(errorsOf(Item, { name: 123, price: "cheap", count: 1.5, tags: "x" }, ["body"])).toEqual(
      detail(
        '{"detail":[{"type":"string_type","loc":["body","name"],"msg":"Input should be a valid string","input":123},{"type":"float_parsing","loc":["body","price"],"msg":"Input should be a valid number, unable to parse string as a number","input":"cheap"},{"type":"int_from_float","loc":["body","count"],"msg":"Input should be a valid integer, got a number with a fractional part","input":1.5},{"type":"list_type","loc":["body","tags"],"msg":"Input should be a valid list","input":"x"}]}',
      ),
    );
  });

  it("body-is-array is model_attributes_type", () => {
    expect(errorsOf(Item, [1, 2], ["body"])).toEqual(
      detail(
        '{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":[1,2]}]}',
      ),
    );
  });

  it("body-constraints and body-constraints-2 (ctx 1.0 prints as 1 in JSON from JS)", () => {
    expect(errorsOf(Strict, { title: "x", score: 11, code: "ab1", ratio: 1 }, ["body"])).toEqual(
      detail(
        `{"detail":[{"type":"string_too_short","loc":["body","title"],"msg":"String should have at least 2 characters","input":"x","ctx":{"min_length":2}},{"type":"less_than_equal","loc":["body","score"],"msg":"Input should be less than or equal to 10","input":11,"ctx":{"le":10}},{"type":"string_pattern_mismatch","loc":["body","code"],"msg":"String should match pattern '^[A-Z]{3}$'","input":"ab1","ctx":{"pattern":"^[A-Z]{3}$"}},{"type":"less_than","loc":["body","ratio"],"msg":"Input should be less than 1","input":1,"ctx":{"lt":1.0}}]}`,
      ),
    );
    expect(
      errorsOf(Strict, { title: "toolong", score: -1, code: "ABC", ratio: 0 }, ["body"]),
    ).toEqual(
      detail(
        '{"detail":[{"type":"string_too_long","loc":["body","title"],"msg":"String should have at most 5 characters","input":"toolong","ctx":{"max_length":5}},{"type":"greater_than_equal","loc":["body","score"],"msg":"Input should be greater than or equal to 0","input":-1,"ctx":{"ge":0}},{"type":"greater_than","loc":["body","ratio"],"msg":"Input should be greater than 0","input":0,"ctx":{"gt":0.0}}]}',
      ),
    );
  });

  it("body-embed-missing-key and body-multi-missing, one validator per embedded body field", () => {
    const item = compileValidator(Item, { input: "json" });
    const importance = compileValidator(z.int(), { input: "json" });
    const collect = (...results: ReturnType<typeof item>[]): ValidationErrorDetail[] =>
      results.flatMap((r) => (r.ok ? [] : r.errors));
    expect(collect(item(undefined, ["body", "item"]))).toEqual(
      detail(
        '{"detail":[{"type":"missing","loc":["body","item"],"msg":"Field required","input":null}]}',
      ),
    );
    expect(
      collect(item({ name: "a" }, ["body", "item"]), importance(undefined, ["body", "importance"])),
    ).toEqual(
      detail(
        '{"detail":[{"type":"missing","loc":["body","item","price"],"msg":"Field required","input":{"name":"a"}},{"type":"missing","loc":["body","importance"],"msg":"Field required","input":null}]}',
      ),
    );
  });

  it("a valid body gets its defaults filled and numbers converted", () => {
    expect(convertedValue(Item, { name: "a", price: "1" })).toEqual({
      name: "a",
      price: 1,
      count: 1,
      tags: [],
    });
  });
});

describe("§4 parameter parsing corners", () => {
  it("list-query-bad-item reports the item index", () => {
    expect(errorsOf(z.array(z.int()), ["1", "x"], ["query", "ids"], "string")).toEqual(
      detail(
        '{"detail":[{"type":"int_parsing","loc":["query","ids",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}',
      ),
    );
  });

  it("single-body-param-not-embedded: an object for an int body is int_type at ['body']", () => {
    expect(errorsOf(z.int(), { importance: 5 }, ["body"])).toEqual(
      detail(
        '{"detail":[{"type":"int_type","loc":["body"],"msg":"Input should be a valid integer","input":{"importance":5}}]}',
      ),
    );
  });

  it("list-body-bad-items and dict-body-bad-value", () => {
    expect(errorsOf(z.array(z.int()), [1, "x", 3], ["body"])).toEqual(
      detail(
        '{"detail":[{"type":"int_parsing","loc":["body",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}',
      ),
    );
    expect(errorsOf(z.record(z.string(), z.number()), { a: 1, b: "heavy" }, ["body"])).toEqual(
      detail(
        '{"detail":[{"type":"float_parsing","loc":["body","b"],"msg":"Input should be a valid number, unable to parse string as a number","input":"heavy"}]}',
      ),
    );
  });

  it("query-model-extra-forbidden and query-model-literal-invalid", () => {
    const Filter = z.strictObject({
      limit: z.int().default(100),
      order_by: z.literal(["created_at", "updated_at"]).default("created_at"),
    });
    expect(errorsOf(Filter, { limit: "5", tool: "x" }, ["query"], "string")).toEqual(
      detail(
        '{"detail":[{"type":"extra_forbidden","loc":["query","tool"],"msg":"Extra inputs are not permitted","input":"x"}]}',
      ),
    );
    expect(errorsOf(Filter, { order_by: "name" }, ["query"], "string")).toEqual(
      detail(
        `{"detail":[{"type":"literal_error","loc":["query","order_by"],"msg":"Input should be 'created_at' or 'updated_at'","input":"name","ctx":{"expected":"'created_at' or 'updated_at'"}}]}`,
      ),
    );
  });

  it("empty-optional-str-query keeps the empty string", () => {
    expect(convertedValue(z.string().optional(), "", "string")).toBe("");
  });
});

describe("§8 response validation", () => {
  const User = z.object({ id: z.int(), name: z.string() });
  const validate = compileValidator(User, { input: "json" });

  it("response-validation-missing-field", () => {
    expect(validate({ id: 1 }, ["response"])).toEqual({
      ok: false,
      errors: [
        { type: "missing", loc: ["response", "name"], msg: "Field required", input: { id: 1 } },
      ],
    });
  });

  it("response-validation-wrong-type", () => {
    expect(validate({ id: "not-an-int", name: "a" }, ["response"])).toEqual({
      ok: false,
      errors: [
        {
          type: "int_parsing",
          loc: ["response", "id"],
          msg: "Input should be a valid integer, unable to parse string as an integer",
          input: "not-an-int",
        },
      ],
    });
  });

  it("response-validation-none: null is model_attributes_type at ['response']", () => {
    expect(validate(null, ["response"])).toEqual({
      ok: false,
      errors: [
        {
          type: "model_attributes_type",
          loc: ["response"],
          msg: "Input should be a valid dictionary or object to extract fields from",
          input: null,
        },
      ],
    });
  });

  it("response-model-filters-input-model: extra keys dropped, defaults filled", () => {
    const UserOut = z.object({
      username: z.string(),
      email: z.string(),
      full_name: z.string().nullable().default(null),
    });
    expect(convertedValue(UserOut, { username: "a", password: "s3cret", email: "a@x.io" })).toEqual(
      {
        username: "a",
        email: "a@x.io",
        full_name: null,
      },
    );
  });

  it("reads fields from class instances as pydantic's from_attributes does", () => {
    class Row {
      id = 1;
      get name() {
        return "computed";
      }
    }
    expect(validate(new Row(), ["response"])).toEqual({
      ok: true,
      value: { id: 1, name: "computed" },
    });
  });
});
