import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileValidator } from "../../src/schema/index.js";

/** schemas of the shapes routes declare, patterns included (two catastrophic on V8) */
const SCHEMAS = {
  item: z.object({
    name: z.string().min(1).max(50),
    price: z.number().gt(0),
    tags: z
      .array(z.string().regex(/^(a+)+$/))
      .max(10)
      .default([]),
    meta: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
  }),
  code: z.string().regex(/^(\w+\s?)*$/),
  strict: z.object({ a: z.int(), b: z.boolean().optional() }).strict(),
  tuple: z.tuple([z.string(), z.number()]),
  nested: z.array(z.array(z.object({ id: z.uuid(), at: z.iso.datetime().optional() }))),
  choice: z.union([z.literal("a"), z.enum(["b", "c"]), z.email()]),
};

const hostileKey = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "name");
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.stringMatching(/^a{0,40}!?$/),
    fc.double(),
    fc.bigInt().map(String),
    fc.integer(),
    fc.boolean(),
    fc.constantFrom(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0),
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string()), tie("value"), { maxKeys: 6 }),
  ),
})).value;

describe("compiled validators on arbitrary input", () => {
  it.each(Object.entries(SCHEMAS))(
    "%s: never throws, answers in bounded time, reports FastAPI-shaped errors, pollutes nothing",
    (_name, schema) => {
      for (const kind of ["json", "string"] as const) {
        const validate = compileValidator(schema, { input: kind });
        fc.assert(
          fc.property(anyValue, (value) => {
            const started = performance.now();
            const result = validate(value, ["body"]);
            expect(performance.now() - started).toBeLessThan(500);
            if (!result.ok) {
              expect(result.errors.length).toBeGreaterThan(0);
              for (const error of result.errors) {
                expect(typeof error.type).toBe("string");
                expect(typeof error.msg).toBe("string");
                expect(error.loc[0]).toBe("body");
                expect(error).toHaveProperty("input");
              }
            }
            expect(Object.prototype).not.toHaveProperty("polluted");
            expect(({} as Record<string, unknown>).name).toBeUndefined();
          }),
          { numRuns: 200 },
        );
      }
    },
  );

  it("long hostile strings against catastrophic patterns stay linear", () => {
    const validate = compileValidator(SCHEMAS.code, { input: "json" });
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 50_000 }),
        fc.constantFrom("!", "\n", "é"),
        (n, tail) => {
          const started = performance.now();
          expect(validate(`${"a ".repeat(n)}${tail}`, ["body"]).ok).toBe(false);
          expect(performance.now() - started).toBeLessThan(500);
        },
      ),
      { numRuns: 20 },
    );
  });
});
