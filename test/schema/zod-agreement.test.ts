import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileValidator } from "../../src/schema/index.js";

/**
 * The schema compiler reads Zod's internals to validate as pydantic's lax mode does. These
 * properties compare it with Zod's own `safeParse` on generated schemas and values: where the
 * input already has the declared JSON type (no lax conversion applies) both must accept and
 * reject the same values and produce the same output.
 */

type Schema = z.ZodType;

/** fixed, so every run checks the same cases; change it (or AGREEMENT_RUNS) to explore */
const SEED = Number(process.env.AGREEMENT_SEED ?? 20261206);

/** a schema and a generator of values shaped like it (some fitting, some not) */
interface Case {
  schema: Schema;
  value: fc.Arbitrary<unknown>;
}

// characters of the Basic Multilingual Plane: one UTF-16 unit each, so Zod's lengths (code
// units) and pydantic's (code points) agree
const bmpString = fc
  .string({ unit: "grapheme-composite", maxLength: 6 })
  .map((s) => [...s].filter((c) => c.length === 1 && !/[\uD800-\uDFFF]/.test(c)).join(""));
// values of no scalar type: never converted by lax mode
const alien = fc.constantFrom<unknown>(null, {}, [], "zz");
const number = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.double({ min: -20, max: 20, noNaN: true, noDefaultInfinity: true }),
);

// what pydantic's lax mode converts: numeric strings to numbers, 0/1 and "yes"/"off" to booleans,
// booleans to numbers; Zod takes none of them
const laxNumber = fc.oneof(number.map(String), fc.boolean(), fc.constantFrom(" 3 ", "1e1", "0x10"));
const laxBoolean = fc.constantFrom<unknown>(0, 1, 2, "true", "yes", "off", "n", "1", "maybe");

const stringCase = (lax: boolean): fc.Arbitrary<Case> =>
  fc.record({ min: fc.option(fc.nat(4)), max: fc.option(fc.nat(6)) }).map(({ min, max }) => {
    let schema = z.string();
    if (min !== null) schema = schema.min(min);
    if (max !== null) schema = schema.max(max);
    return { schema, value: lax ? fc.oneof(bmpString, number, alien) : fc.oneof(bmpString, alien) };
  });

const numberCase = (lax: boolean): fc.Arbitrary<Case> =>
  fc
    .record({
      int: fc.boolean(),
      min: fc.option(fc.integer({ min: -10, max: 10 })),
      lt: fc.option(fc.integer({ min: -10, max: 15 })),
    })
    .map(({ int, min, lt }) => {
      let schema = int ? z.number().int() : z.number();
      if (min !== null) schema = schema.min(min);
      if (lt !== null) schema = schema.lt(lt);
      return { schema, value: lax ? fc.oneof(number, laxNumber, alien) : fc.oneof(number, alien) };
    });

const booleanCase = (lax: boolean): fc.Arbitrary<Case> =>
  fc.constant({
    schema: z.boolean(),
    value: lax ? fc.oneof(fc.boolean(), laxBoolean, alien) : fc.oneof(fc.boolean(), alien),
  });

const choiceCase = (_lax: boolean): fc.Arbitrary<Case> =>
  fc
    .uniqueArray(fc.constantFrom("red", "green", "blue", "teal"), { minLength: 1, maxLength: 3 })
    .map((options) => ({
      schema: z.enum(options as [string, ...string[]]),
      value: fc.oneof(fc.constantFrom("red", "green", "blue", "teal", "Red"), alien),
    }));

/** schemas up to `depth` arrays/objects deep; `lax`: values include what lax mode converts */
const casesOf = (lax: boolean) => {
  const leaf = fc.oneof(stringCase(lax), numberCase(lax), booleanCase(lax), choiceCase(lax));
  const caseOf: (depth: number) => fc.Arbitrary<Case> = fc.memo((depth) => {
    if (depth <= 0) return leaf;
    const inner = caseOf(depth - 1);
    const arrayCase = fc
      .record({ item: inner, min: fc.option(fc.nat(2)), max: fc.option(fc.nat(3)) })
      .map(({ item, min, max }) => {
        let schema = z.array(item.schema);
        if (min !== null) schema = schema.min(min);
        if (max !== null) schema = schema.max(max);
        return { schema, value: fc.oneof(fc.array(item.value, { maxLength: 4 }), alien) };
      });
    const field = fc.record({
      item: inner,
      wrap: fc.constantFrom("required", "optional", "nullable"),
      present: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    const objectCase = fc
      .dictionary(fc.constantFrom("a", "b", "c", "d"), field, { minKeys: 1, maxKeys: 3 })
      .map((fields) => {
        const shape: Record<string, Schema> = {};
        const values: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, { item, wrap }] of Object.entries(fields)) {
          shape[key] =
            wrap === "optional"
              ? item.schema.optional()
              : wrap === "nullable"
                ? item.schema.nullable()
                : item.schema;
          values[key] = item.value;
        }
        // extra keys are dropped by both; missing keys are reported (or allowed when optional)
        const value = fc.oneof(
          fc.record({ ...values, extra: fc.constant(1) }, { requiredKeys: [] }),
          fc.record(values),
          alien,
        );
        return { schema: z.object(shape), value };
      });
    return fc.oneof(inner, arrayCase, objectCase);
  });
  return caseOf(2).chain((c) => fc.tuple(fc.constant(c.schema), c.value));
};

const RUNS = { numRuns: Number(process.env.AGREEMENT_RUNS ?? 400), seed: SEED };

function both(schema: Schema, value: unknown) {
  return {
    compiled: compileValidator(schema, { input: "json" })(value, ["body"]),
    zod: schema.safeParse(value),
    seen: JSON.stringify({ schema: z.toJSONSchema(schema), value }),
  };
}

describe("the schema compiler agrees with Zod's safeParse", () => {
  it("accepts and rejects the same JSON values of the declared types, with the same output", () => {
    fc.assert(
      fc.property(casesOf(false), ([schema, value]) => {
        const { compiled, zod, seen } = both(schema, value);
        expect(compiled.ok, seen).toBe(zod.success);
        if (compiled.ok && zod.success) expect(compiled.value, seen).toEqual(zod.data);
      }),
      RUNS,
    );
  });

  it("accepts whatever Zod accepts, with Zod's output, when lax conversions are in play", () => {
    let converted = 0;
    fc.assert(
      fc.property(casesOf(true), ([schema, value]) => {
        const { compiled, zod, seen } = both(schema, value);
        if (zod.success) {
          expect(compiled.ok, seen).toBe(true);
          if (compiled.ok) expect(compiled.value, seen).toEqual(zod.data);
        } else if (compiled.ok) converted++;
      }),
      RUNS,
    );
    // the generated values do exercise lax mode: some only the compiler accepts
    expect(converted).toBeGreaterThan(0);
  });

  it("measures string lengths in code points as pydantic does, where Zod counts UTF-16 units", () => {
    fc.assert(
      fc.property(
        fc.nat(4),
        fc.nat(4),
        fc.string({ unit: "binary", maxLength: 6 }),
        (min, extra, text) => {
          const schema = z
            .string()
            .min(min)
            .max(min + extra);
          const { compiled, zod, seen } = both(schema, text);
          const points = [...text].length;
          expect(compiled.ok, seen).toBe(points >= min && points <= min + extra);
          if (points === text.length) expect(compiled.ok, seen).toBe(zod.success);
        },
      ),
      RUNS,
    );
  });
});
