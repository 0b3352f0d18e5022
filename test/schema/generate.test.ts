import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { generateAccept } from "../../src/schema/generate.js";
import { ACCEPT_FAIL, compileValidator } from "../../src/schema/index.js";
import type { InputKind } from "../../src/schema/types.js";

// Differential: random schemas of the generated grammar × random inputs. Whenever the generated
// function accepts, the interpreter must accept with the same value (same key order, same
// prototype, -0 kept); whenever the interpreter accepts, the generated one should too (a miss
// costs only speed: they are counted and reported).

interface Case {
  schema: z.ZodType;
  /** inputs shaped like the schema, their leaves valid or not */
  input: fc.Arbitrary<unknown>;
}

const numberish = fc.oneof(
  fc.integer({ min: -20, max: 120 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(Number.NaN, -0, 0, 1, Number.POSITIVE_INFINITY, 1e21, 2 ** 53, 0.1 * 3, true),
  fc.constantFrom("1e3", " 1", "0x10", "1.0", "5.", ".5", "-0", "", "inf", "1_000", "+7", "12"),
  fc.integer({ min: -20, max: 120 }).map(String),
  fc.double().map(String),
);
const stringish = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: "grapheme", maxLength: 4 }),
  fc.string({ unit: "binary", maxLength: 4 }),
  fc.stringMatching(/^[A-Z]{3}-\d{4}$/),
  fc.constantFrom("", " a ", "😀😀", "a@b.co", "550e8400-e29b-41d4-a716-446655440000", "aaaa"),
  fc.constantFrom(1, null, true),
);
const boolish = fc.constantFrom(true, false, 1, 0, -0, 2, "yes", "NO", "on", "t", "1", "x", null);

const stringCase: fc.Arbitrary<Case> = fc
  .record({
    min: fc.option(fc.integer({ min: 0, max: 3 })),
    max: fc.option(fc.integer({ min: 1, max: 6 })),
    pattern: fc.option(fc.constantFrom(/^[A-Z]{3}-\d{4}$/, /^[a-z]*$/, /^(a+)+$/, /b/), {
      freq: 1,
    }),
    format: fc.option(fc.constantFrom("email", "uuid"), { freq: 1 }),
    trim: fc.boolean(),
  })
  .map(({ min, max, pattern, format, trim }) => {
    let s = format === "email" ? z.email() : format === "uuid" ? z.uuid() : z.string();
    if (trim) s = s.trim();
    if (min !== null) s = s.min(min);
    if (max !== null) s = s.max(max);
    if (pattern !== null) s = s.regex(pattern);
    // strings around each length limit, in ASCII and in astral characters (two UTF-16 units)
    const lengths = [min, max]
      .filter((v) => v !== null)
      .flatMap((v) => [v - 1, v, v + 1])
      .filter((v) => v >= 0);
    const edges = lengths.flatMap((n) => ["a".repeat(n), "😀".repeat(n), `${"a".repeat(n)} `]);
    return {
      schema: s,
      input: edges.length === 0 ? stringish : fc.oneof(stringish, fc.constantFrom(...edges)),
    };
  });

const numberCase: fc.Arbitrary<Case> = fc
  .record({
    int: fc.constantFrom("number", "int", "int32", "uint32", "float32"),
    low: fc.option(fc.record({ value: fc.integer({ min: -5, max: 5 }), inclusive: fc.boolean() })),
    high: fc.option(
      fc.record({ value: fc.integer({ min: 5, max: 100 }), inclusive: fc.boolean() }),
    ),
    step: fc.option(fc.constantFrom(1, 2, 5, 0.1, 0.5)),
  })
  .map(({ int, low, high, step }) => {
    let n =
      int === "int"
        ? z.int()
        : int === "int32"
          ? z.int32()
          : int === "uint32"
            ? z.uint32()
            : int === "float32"
              ? z.float32()
              : z.number();
    if (low !== null) n = low.inclusive ? n.gte(low.value) : n.gt(low.value);
    if (high !== null) n = high.inclusive ? n.lte(high.value) : n.lt(high.value);
    if (step !== null) n = n.multipleOf(step);
    // the edges of each bound, as numbers and as strings
    const edges = [low?.value, high?.value, step ?? undefined]
      .filter((v) => v !== undefined)
      .flatMap((v) => [v - 1, v - 0.5, v, v + 0.5, v + 1])
      .flatMap((v) => [v, String(v)]);
    return {
      schema: n,
      input: edges.length === 0 ? numberish : fc.oneof(numberish, fc.constantFrom(...edges)),
    };
  });

const leafCase: fc.Arbitrary<Case> = fc.oneof(
  stringCase,
  numberCase,
  fc.constant({ schema: z.boolean(), input: boolish }),
  fc.constant({ schema: z.null(), input: fc.constantFrom(null, undefined, 0, "null") }),
  fc.constant({ schema: z.enum(["a", "b"]), input: fc.constantFrom("a", "b", " a", "c", 1) }),
  fc.constant({
    schema: z.literal([1, 2, "x"]),
    input: fc.constantFrom(1, 2, "1", " 2 ", "x", "3", 3, 1.0, "1.0"),
  }),
  fc.constant({ schema: z.unknown(), input: fc.anything({ maxDepth: 1 }) }),
);

// keys that must stay data: prototype members, quotes and code-looking text
const KEYS = [
  "a",
  "b",
  "1",
  "__proto__",
  "constructor",
  "toString",
  '"];process.exit()//',
  "x\u2028y",
];

function buildObject(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // as JSON.parse builds objects: every key, "__proto__" included, an own data property
  for (const [k, v] of entries) {
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

const anyCase: fc.Arbitrary<Case> = fc.letrec<{ node: Case }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafCase,
    fc
      .record({
        inner: tie("node"),
        wrap: fc.constantFrom("optional", "nullable", "default", "readonly", "prefault", "refine"),
      })
      .map(({ inner, wrap }): Case => {
        const s = inner.schema;
        const schema =
          wrap === "optional"
            ? s.optional()
            : wrap === "nullable"
              ? s.nullable()
              : wrap === "refine"
                ? // a pure refinement that refuses about a third of what it sees
                  s.refine((v) => JSON.stringify(v ?? null).length % 3 !== 0)
                : wrap === "readonly"
                  ? s.readonly()
                  : wrap === "prefault"
                    ? s.prefault("1" as never)
                    : (s as z.ZodString).default("a" as never);
        return { schema, input: fc.oneof(inner.input, fc.constantFrom(undefined, null)) };
      }),
    fc
      .record({
        members: fc.array(tie("node"), { minLength: 1, maxLength: 3 }),
        nullable: fc.boolean(),
      })
      .map(({ members, nullable }): Case => {
        const options = members.map((m) => m.schema);
        const schema = z.union(nullable ? [...options, z.null()] : options);
        return { schema, input: fc.oneof(...members.map((m) => m.input), fc.constant(null)) };
      }),
    fc
      .tuple(tie("node"), tie("node"), fc.constantFrom("kind", "__proto__", '"];x//'))
      .map(([x, y, tag]): Case => {
        const member = (kind: string, c: Case) =>
          z.object(
            buildObject([
              [tag, z.literal(kind)],
              ["v", c.schema],
            ]) as z.ZodRawShape,
          );
        const schema = z.discriminatedUnion(tag, [member("x", x), member("y", y)] as never);
        const input = fc
          .tuple(fc.constantFrom("x", "y", "z", undefined), fc.oneof(x.input, y.input))
          .map(([kind, v]) =>
            buildObject(
              kind === undefined
                ? [["v", v]]
                : [
                    [tag, kind],
                    ["v", v],
                  ],
            ),
          );
        return { schema, input };
      }),
    fc.record({ key: stringCase, value: tie("node") }).map(
      ({ key, value }): Case => ({
        schema: z.record(key.schema as z.ZodString, value.schema),
        input: fc
          .array(
            fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 4 })), value.input),
            {
              maxLength: 4,
            },
          )
          .map(buildObject),
      }),
    ),
    fc
      .record({ items: fc.array(tie("node"), { maxLength: 3 }), rest: fc.option(tie("node")) })
      .map(({ items, rest }): Case => {
        const base = z.tuple(items.map((c) => c.schema) as [z.ZodType]);
        const schema = rest === null ? base : base.rest(rest.schema);
        const any = fc.oneof(
          ...[...items, ...(rest === null ? [] : [rest])].map((c) => c.input),
          fc.constant(1),
        );
        return { schema, input: fc.array(any, { maxLength: 5 }) };
      }),
    fc
      .record({ item: tie("node"), min: fc.option(fc.nat(2)), max: fc.option(fc.nat(4)) })
      .map(({ item, min, max }): Case => {
        let schema = z.array(item.schema);
        if (min !== null) schema = schema.min(min);
        if (max !== null) schema = schema.max(max);
        const list = fc.array(item.input, { maxLength: 5 });
        return {
          schema,
          input: fc.oneof(
            { weight: 4, arbitrary: list },
            list.map((a) => new Set(a)),
          ),
        };
      }),
    fc
      .record({
        fields: fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie("node")), {
          maxLength: 4,
          selector: ([k]) => k,
        }),
        extras: fc.constantFrom("strip", "strict", "loose"),
      })
      .map(({ fields, extras }): Case => {
        const shape = buildObject(fields.map(([k, c]) => [k, c.schema])) as z.ZodRawShape;
        const schema =
          extras === "strict"
            ? z.strictObject(shape)
            : extras === "loose"
              ? z.looseObject(shape)
              : z.object(shape);
        const entry = ([k, c]: [string, Case]) =>
          fc.option(
            c.input.map((v): [string, unknown] => [k, v]),
            { freq: 4 },
          );
        const input = fc
          .tuple(
            fc.tuple(...fields.map(entry)),
            fc.option(fc.tuple(fc.constantFrom(...KEYS, "extra"), fc.integer())),
          )
          .map(([present, extra]) => {
            const entries = present.filter((e) => e !== null) as [string, unknown][];
            if (extra !== null && !entries.some(([k]) => k === extra[0])) entries.push(extra);
            return buildObject(entries);
          });
        return { schema, input };
      }),
  ),
})).node;

/** a JSON value as a query/header would carry it: leaves as strings */
function asStrings(value: unknown): unknown {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(asStrings);
  if (typeof value === "object" && value !== null) {
    return buildObject(Object.entries(value).map(([k, v]) => [k, asStrings(v)]));
  }
  return value;
}

/** a value's exact make-up: own keys in order, prototype, frozenness, -0, holes */
function makeUp(value: unknown): unknown {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : value;
  if (typeof value !== "object" || value === null) return value;
  const proto = Object.getPrototypeOf(value);
  return {
    proto: proto === null ? "null" : String(proto.constructor?.name),
    frozen: Object.isFrozen(value),
    own: Reflect.ownKeys(value).map((k) => [
      String(k),
      makeUp((value as Record<PropertyKey, unknown>)[k]),
    ]),
  };
}

const stats = { accepted: 0, rejected: 0, misses: 0, generated: 0, schemas: 0 };

function agree(schema: z.ZodType, kind: InputKind, input: unknown): void {
  const accept = generateAccept(schema, kind, "alias");
  stats.schemas++;
  if (accept === null) throw new Error("the grammar is meant to be generated");
  stats.generated++;
  const interpreted = compileValidator(schema, { input: kind, generated: false })(input, ["body"]);
  const value = accept(input);
  if (value === ACCEPT_FAIL) {
    if (interpreted.ok) stats.misses++;
    else stats.rejected++;
    return;
  }
  stats.accepted++;
  expect(interpreted.ok, "the interpreter rejects what generated code accepted").toBe(true);
  if (!interpreted.ok) return;
  expect(makeUp(value)).toEqual(makeUp(interpreted.value));
  expect(JSON.stringify(value)).toBe(JSON.stringify(interpreted.value));
}

describe("generated accept functions agree with the interpreter", () => {
  afterAll(() => {
    console.log(
      `generated/interpreter differential: ${stats.accepted} accepted by both, ${stats.rejected} rejected by both, ${stats.misses} accepted by the interpreter only`,
    );
  });

  it("on random schemas and JSON-shaped inputs", () => {
    fc.assert(
      fc.property(
        anyCase.chain((c) => fc.tuple(fc.constant(c.schema), fc.oneof(c.input, fc.anything()))),
        ([schema, input]) => agree(schema, "json", input),
      ),
      { numRuns: 1500 },
    );
  });

  it("on random schemas and string inputs (query, path, header values)", () => {
    fc.assert(
      fc.property(
        anyCase.chain((c) => fc.tuple(fc.constant(c.schema), c.input.map(asStrings))),
        ([schema, input]) => agree(schema, "string", input),
      ),
      { numRuns: 1500 },
    );
  });

  it("misses nothing the interpreter accepts in this grammar", () => {
    expect(stats.accepted).toBeGreaterThan(500);
    expect(stats.rejected).toBeGreaterThan(500);
    expect(stats.misses).toBe(0);
  });
});

describe("the benchmark routes' schemas are generated", () => {
  it("scenario C's item (body and response) and scenario B's params", () => {
    const Item = z.object({
      name: z.string().min(1),
      price: z.number().gt(0),
      tags: z.array(z.string()),
      dimensions: z.object({ width: z.number(), height: z.number() }),
      in_stock: z.boolean(),
      sku: z.string().regex(/^[A-Z]{3}-\d{4}$/),
    });
    const item = { name: "W", price: 1, tags: [], dimensions: { width: 1, height: 2 } };
    const body = { ...item, in_stock: true, sku: "WID-0042", internal_cost: 1 };
    const { internal_cost: _, ...expected } = body;
    expect(generateAccept(Item, "json", "alias")?.(body)).toEqual(expected);
    expect(generateAccept(Item, "json", "name")?.(body)).toEqual(expected);
    expect(generateAccept(z.number().int(), "string", "alias")?.("42")).toBe(42);
    expect(generateAccept(z.string().max(50).optional(), "string", "alias")?.(undefined)).toBe(
      undefined,
    );
    const limit = z.number().int().min(1).max(100).default(10);
    expect(generateAccept(limit, "string", "alias")?.(undefined)).toBe(10);
  });
});
