import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorsOf } from "./helpers.js";

const at = ["body", "f"];

function only(schema: Parameters<typeof errorsOf>[0], input: unknown) {
  const errors = errorsOf(schema, input, at);
  expect(errors).toHaveLength(1);
  return errors[0];
}

describe("pydantic's type -> msg -> ctx table", () => {
  it("reports missing as 'Field required' with a null input", () => {
    expect(only(z.string(), undefined)).toEqual({
      type: "missing",
      loc: at,
      msg: "Field required",
      input: null,
    });
  });

  it("reports int_parsing for a string that is not an integer", () => {
    expect(only(z.number().int(), "ten")).toEqual({
      type: "int_parsing",
      loc: at,
      msg: "Input should be a valid integer, unable to parse string as an integer",
      input: "ten",
    });
  });

  it("reports int_from_float for a number with a fractional part", () => {
    expect(only(z.int(), 1.5)).toEqual({
      type: "int_from_float",
      loc: at,
      msg: "Input should be a valid integer, got a number with a fractional part",
      input: 1.5,
    });
  });

  it("reports int_type for an input that is neither number nor string", () => {
    expect(only(z.int(), { a: 1 })).toEqual({
      type: "int_type",
      loc: at,
      msg: "Input should be a valid integer",
      input: { a: 1 },
    });
  });

  it("reports float_parsing for a string that is not a number", () => {
    expect(only(z.number(), "cheap")).toEqual({
      type: "float_parsing",
      loc: at,
      msg: "Input should be a valid number, unable to parse string as a number",
      input: "cheap",
    });
  });

  it("reports string_type for a number where a string is expected", () => {
    expect(only(z.string(), 123)).toEqual({
      type: "string_type",
      loc: at,
      msg: "Input should be a valid string",
      input: 123,
    });
  });

  it("reports bool_parsing for a word that is not a boolean spelling", () => {
    expect(only(z.boolean(), "maybe")).toEqual({
      type: "bool_parsing",
      loc: at,
      msg: "Input should be a valid boolean, unable to interpret input",
      input: "maybe",
    });
  });

  it("reports list_type for a non-array", () => {
    expect(only(z.array(z.string()), "x")).toEqual({
      type: "list_type",
      loc: at,
      msg: "Input should be a valid list",
      input: "x",
    });
  });

  it("reports model_attributes_type for a non-object", () => {
    expect(only(z.object({ a: z.string() }), [1, 2])).toEqual({
      type: "model_attributes_type",
      loc: at,
      msg: "Input should be a valid dictionary or object to extract fields from",
      input: [1, 2],
    });
  });

  it("reports the four number bounds with their ctx", () => {
    expect(only(z.number().min(1), 0)).toEqual({
      type: "greater_than_equal",
      loc: at,
      msg: "Input should be greater than or equal to 1",
      input: 0,
      ctx: { ge: 1 },
    });
    expect(only(z.number().max(100), 101)).toEqual({
      type: "less_than_equal",
      loc: at,
      msg: "Input should be less than or equal to 100",
      input: 101,
      ctx: { le: 100 },
    });
    expect(only(z.number().gt(0), 0)).toEqual({
      type: "greater_than",
      loc: at,
      msg: "Input should be greater than 0",
      input: 0,
      ctx: { gt: 0 },
    });
    expect(only(z.number().lt(1), 1)).toEqual({
      type: "less_than",
      loc: at,
      msg: "Input should be less than 1",
      input: 1,
      ctx: { lt: 1 },
    });
  });

  it("reports multiple_of with its ctx", () => {
    expect(only(z.number().multipleOf(5), 7)).toEqual({
      type: "multiple_of",
      loc: at,
      msg: "Input should be a multiple of 5",
      input: 7,
      ctx: { multiple_of: 5 },
    });
  });

  it("reports string length and pattern errors with their ctx", () => {
    expect(only(z.string().min(3), "ab")).toEqual({
      type: "string_too_short",
      loc: at,
      msg: "String should have at least 3 characters",
      input: "ab",
      ctx: { min_length: 3 },
    });
    expect(only(z.string().max(5), "abcdefg")).toEqual({
      type: "string_too_long",
      loc: at,
      msg: "String should have at most 5 characters",
      input: "abcdefg",
      ctx: { max_length: 5 },
    });
    expect(only(z.string().regex(/^[a-z]+$/), "ABC")).toEqual({
      type: "string_pattern_mismatch",
      loc: at,
      msg: "String should match pattern '^[a-z]+$'",
      input: "ABC",
      ctx: { pattern: "^[a-z]+$" },
    });
  });

  it("words enum errors with 'or' for two values and commas before 'or' for more", () => {
    expect(only(z.enum(["red", "green"]), "blue")).toEqual({
      type: "enum",
      loc: at,
      msg: "Input should be 'red' or 'green'",
      input: "blue",
      ctx: { expected: "'red' or 'green'" },
    });
    expect(only(z.enum(["a", "b", "c"]), "d")).toMatchObject({
      msg: "Input should be 'a', 'b' or 'c'",
      ctx: { expected: "'a', 'b' or 'c'" },
    });
  });

  it("reports literal_error and prints numeric literals without quotes", () => {
    expect(only(z.literal(["a", "b"]), "x")).toEqual({
      type: "literal_error",
      loc: at,
      msg: "Input should be 'a' or 'b'",
      input: "x",
      ctx: { expected: "'a' or 'b'" },
    });
    expect(only(z.literal([1, 2, "x"]), 3)).toMatchObject({
      msg: "Input should be 1, 2 or 'x'",
      ctx: { expected: "1, 2 or 'x'" },
    });
  });

  it("reports extra_forbidden per extra key of a strict object, with the extra value as input", () => {
    expect(only(z.strictObject({ a: z.string() }), { a: "x", b: 2 })).toEqual({
      type: "extra_forbidden",
      loc: ["body", "f", "b"],
      msg: "Extra inputs are not permitted",
      input: 2,
    });
  });

  it("words list length errors as pydantic does, singular for one item", () => {
    expect(only(z.array(z.int()).min(2), [1])).toEqual({
      type: "too_short",
      loc: at,
      msg: "List should have at least 2 items after validation, not 1",
      input: [1],
      ctx: { field_type: "List", min_length: 2, actual_length: 1 },
    });
    expect(only(z.array(z.int()).max(1), [1, 2, 3])).toEqual({
      type: "too_long",
      loc: at,
      msg: "List should have at most 1 item after validation, not 3",
      input: [1, 2, 3],
      ctx: { field_type: "List", max_length: 1, actual_length: 3 },
    });
  });
});
