import { describe, expect, it } from "vitest";
import { z } from "zod";
import { generateAccept } from "../../src/schema/generate.js";
import { ACCEPT_FAIL, compileValidator } from "../../src/schema/index.js";
import type { InputKind } from "../../src/schema/types.js";

// Each kind's edges, by hand: the generated accept-path must take exactly what the interpreter
// takes (no misses here) and give the same value, -0 and key order included.

function expectSameVerdicts(schema: z.ZodType, inputs: unknown[], kind: InputKind = "json"): void {
  const accept = generateAccept(schema, kind, "alias");
  expect(accept, "generated").not.toBeNull();
  const interpret = compileValidator(schema, { input: kind, generated: false });
  for (const input of inputs) {
    const expected = interpret(input, ["query", "x"]);
    const value = accept!(input);
    const label = `${kind} ${typeof input} ${String(input)}`;
    if (!expected.ok) {
      expect(value, label).toBe(ACCEPT_FAIL);
      continue;
    }
    expect(value, label).not.toBe(ACCEPT_FAIL);
    if (typeof value === "object" && value !== null) expect(value, label).toEqual(expected.value);
    else expect(Object.is(value, expected.value), label).toBe(true); // -0 kept
    expect(JSON.stringify(value), label).toBe(JSON.stringify(expected.value));
  }
}

const NUMBERISH = [
  0,
  -0,
  1,
  -1,
  1.5,
  1.0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 53 + 2,
  1e300,
  5e-324,
  true,
  false,
  5n,
  null,
  undefined,
  [],
  {},
  "0",
  "-0",
  "1",
  "1e3",
  " 1",
  "1 ",
  "0x10",
  "1.0",
  "1.",
  "1.5",
  ".5",
  "+7",
  "",
  " ",
  "inf",
  "-Infinity",
  "nan",
  "1_000",
  "99999999999999999999",
  "123456789012345",
  "1234567890123456",
  "٣",
];

describe("generated numbers", () => {
  it("z.int(): integers, integral strings and booleans, as the interpreter converts them", () => {
    for (const kind of ["json", "string"] as const) expectSameVerdicts(z.int(), NUMBERISH, kind);
  });

  it("z.number(): finite numbers and Rust-grammar strings; NaN and infinities refused", () => {
    for (const kind of ["json", "string"] as const) expectSameVerdicts(z.number(), NUMBERISH, kind);
  });

  it("bounds and multipleOf, at and around each edge", () => {
    const inputs = [-1, -0, 0, 0.5, 1, 2.5, 3, 10, 10.5, 11, "3", "10", "0.3", 0.1 * 3, 0.7];
    expectSameVerdicts(z.number().gt(0).lte(10), inputs);
    expectSameVerdicts(z.number().gte(0).lt(10), inputs);
    expectSameVerdicts(z.int().min(1).max(10), inputs);
    expectSameVerdicts(z.number().multipleOf(0.1), inputs);
    expectSameVerdicts(z.int().multipleOf(3), inputs);
    expectSameVerdicts(z.int32(), [2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, "2147483648"]);
    expectSameVerdicts(z.float32(), [3.4e38, 3.5e38, -3.5e38, "1e39"]);
  });
});

describe("generated strings", () => {
  it("counts code points, as Python's len() does", () => {
    const inputs = ["", "a", "ab", "😀", "😀😀", "😀😀😀", "a😀", "\uD83D", "\uDE00\uD83D", "ééé"];
    expectSameVerdicts(z.string().min(2), inputs);
    expectSameVerdicts(z.string().max(2), inputs);
    expectSameVerdicts(z.string().length(2), inputs);
    expectSameVerdicts(z.string().min(1).max(1), inputs);
  });

  it("patterns on V8 and on RE2, formats, overwrites before the limits", () => {
    const inputs = ["ABC-1234", "abc-1234", "ABC-12345", "aaaa", "aaab", " AB ", "", 7, null];
    expectSameVerdicts(z.string().regex(/^[A-Z]{3}-\d{4}$/), inputs);
    expectSameVerdicts(z.string().regex(/^(a+)+$/), inputs);
    expectSameVerdicts(z.string().trim().min(2).max(2), inputs);
    expectSameVerdicts(z.string().toUpperCase().regex(/^A+$/), inputs);
    expectSameVerdicts(z.email(), ["a@b.co", "a@b", "@", "a b@c.de", ""]);
    expectSameVerdicts(z.uuid(), ["550e8400-e29b-41d4-a716-446655440000", "550e8400", ""]);
  });
});

describe("generated booleans, choices, null", () => {
  it("booleans: 1/0 and pydantic's words", () => {
    const inputs = [true, false, 1, 0, -0, 2, 1n, "true", "TRUE", "yes", "Off", "t", "f", "2", ""];
    for (const kind of ["json", "string"] as const)
      expectSameVerdicts(z.boolean(), [...inputs, null], kind);
  });

  it("enums and literals, numeric members matched from their (trimmed) string form", () => {
    const inputs = ["a", " a", "c", 1, "1", " 1 ", "1.0", 2, "x", Number.NaN, null, undefined];
    expectSameVerdicts(z.enum(["a", "b"]), inputs);
    expectSameVerdicts(z.literal([1, 2, "x"]), inputs);
    expectSameVerdicts(z.literal(Number.NaN), inputs);
    expectSameVerdicts(z.null(), [null, undefined, 0, "null"]);
  });
});

describe("generated wrappers and containers", () => {
  it("defaults are read per use, as the interpreter reads them (a fresh copy of an object)", () => {
    const schema = z.object({ tags: z.array(z.string()).default(["a"]), n: z.int().default(1) });
    const accept = generateAccept(schema, "json", "alias")!;
    const first = accept({}) as { tags: string[] };
    const second = accept({}) as { tags: string[] };
    expect(first).toEqual({ tags: ["a"], n: 1 });
    expect(first.tags).not.toBe(second.tags);
    expectSameVerdicts(schema, [{}, { tags: [] }, { n: "2" }, { n: null }]);
  });

  it("a single query value for a list is a list of one (string input only)", () => {
    const schema = z.array(z.int()).max(2);
    expectSameVerdicts(schema, ["5", ["1", "2"], ["1", "2", "3"], [], "x"], "string");
    expectSameVerdicts(schema, ["5", [1, 2], undefined], "json");
    expect(generateAccept(schema, "string", "alias")!("5")).toEqual([5]);
  });

  it("optional, nullable, readonly and nonoptional as the interpreter treats them", () => {
    const inputs = [undefined, null, "a", 1, { a: "x" }];
    expectSameVerdicts(z.string().optional(), inputs);
    expectSameVerdicts(z.string().nullable(), inputs);
    expectSameVerdicts(z.string().optional().nonoptional(), inputs);
    expectSameVerdicts(z.object({ a: z.string().optional().nonoptional() }), inputs);
    const frozen = generateAccept(z.object({ a: z.string() }).readonly(), "json", "alias")!;
    expect(Object.isFrozen(frozen({ a: "x" }))).toBe(true);
  });

  it("object key order: shape order, optional fields where they belong, kept extras last", () => {
    const schema = z.looseObject({ a: z.int(), b: z.int().optional(), c: z.int() });
    const accept = generateAccept(schema, "json", "alias")!;
    expect(JSON.stringify(accept({ z: 0, c: 3, b: 2, a: 1 }))).toBe('{"a":1,"b":2,"c":3,"z":0}');
    expect(JSON.stringify(accept({ c: 3, a: 1 }))).toBe('{"a":1,"c":3}');
    expectSameVerdicts(schema, [{ z: 0, c: 3, b: 2, a: 1 }, { c: 3, a: 1 }, { a: 1 }]);
  });

  it("aliases: read from the alias by a request, from the field name by a response", () => {
    const schema = z.object({ itemName: z.string().meta({ alias: "item-name" }) });
    expect(generateAccept(schema, "json", "alias")!({ "item-name": "x" })).toEqual({
      itemName: "x",
    });
    expect(generateAccept(schema, "json", "alias")!({ itemName: "x" })).toBe(ACCEPT_FAIL);
    expect(generateAccept(schema, "json", "name")!({ itemName: "x" })).toEqual({ itemName: "x" });
  });

  it("arrays: length limits, holes, a Set read as a list as the interpreter reads it", () => {
    const schema = z.array(z.int()).min(1).max(3);
    const inputs = [[], [1], [1, 2, 3, 4], ["1", true], new Set([1]), new Set(), "1"];
    // biome-ignore lint/suspicious/noSparseArray: a hole reads as undefined
    expectSameVerdicts(schema, [...inputs, [, 1]]);
    expect(generateAccept(schema, "json", "alias")!(new Set(["2"]))).toEqual([2]);
  });
});

describe("generated unions", () => {
  it("smart mode: an exact match first, then members in order with conversions", () => {
    const inputs = ["1", 1, 1.5, "1.5", true, "x", null, undefined, [], {}];
    expectSameVerdicts(z.union([z.int(), z.string()]), inputs);
    expectSameVerdicts(z.union([z.string(), z.int()]), inputs);
    expectSameVerdicts(z.union([z.number(), z.boolean(), z.null()]), inputs, "string");
    expectSameVerdicts(z.string().nullable().or(z.int()), inputs);
    expect(generateAccept(z.union([z.int(), z.string()]), "json", "alias")!("1")).toBe("1");
    // a member the interpreter would take is never passed over for the next one
    expectSameVerdicts(z.union([z.array(z.int()), z.unknown()]), [new Set([1]), [1], "x"]);
  });

  it("discriminated: the member the tag picks, read by alias or by name", () => {
    const Pet = z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("cat"), lives: z.int() }),
      z.object({ kind: z.literal("dog"), name: z.string() }),
    ]);
    const inputs = [
      { kind: "cat", lives: "9" },
      { kind: "dog", name: "Rex", extra: 1 },
      { kind: "dog", lives: 9 },
      { kind: "fish" },
      { lives: 9 },
      null,
      [],
    ];
    expectSameVerdicts(Pet, inputs);
    // a hostile tag is refused with a 422 (it once threw converting the tag to text)
    const hostile = JSON.parse('{"kind": {"toString": 1}}');
    const rejected = compileValidator(Pet, { input: "json" })(hostile, ["body"]);
    expect(rejected.ok ? "" : rejected.errors[0]!.type).toBe("union_tag_invalid");
    expectSameVerdicts(Pet.nullable(), inputs);
    expect(generateAccept(Pet, "json", "alias")!({ kind: "cat", lives: "9" })).toEqual({
      kind: "cat",
      lives: 9,
    });
  });
});

describe("generated records and tuples", () => {
  it("records: every own key and value converted, __proto__ kept as data", () => {
    const schema = z.record(z.string().min(2), z.int());
    const hostile = JSON.parse('{"__proto__": 1, "ab": "2"}');
    expectSameVerdicts(schema, [{}, { ab: "1", cd: 2 }, { a: 1 }, { ab: 1.5 }, hostile, [], null]);
    const out = generateAccept(schema, "json", "alias")!(hostile) as object;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":1,"ab":2}');
  });

  it("tuples: positions, optional trailing ones, rest items", () => {
    const inputs = [[], [1], [1, "a"], [1, "a", true], ["1", "a", "yes", false], {}, "1"];
    expectSameVerdicts(z.tuple([z.int(), z.string()]), inputs);
    expectSameVerdicts(z.tuple([z.int(), z.string().optional()]), inputs);
    expectSameVerdicts(z.tuple([z.int()]).rest(z.boolean()), inputs);
  });
});

describe("refinements in generated code", () => {
  it("run on the converted value where the interpreter runs them, their refusal left to it", () => {
    const even = (n: number) => n % 2 === 0;
    const inputs = ["2", 3, 4, "b", "ab", null, undefined, { a: 2 }, { a: 3 }, [2], [2, 3]];
    expectSameVerdicts(z.int().refine(even, "even"), inputs);
    expectSameVerdicts(z.string().startsWith("a"), inputs);
    expectSameVerdicts(z.string().includes("b").max(2), inputs);
    expectSameVerdicts(
      z.enum(["a", "b"]).refine((v) => v === "a"),
      inputs,
    );
    expectSameVerdicts(
      z.null().refine(() => false),
      inputs,
    );
    expectSameVerdicts(
      z.object({ a: z.int() }).refine((o) => even(o.a)),
      inputs,
    );
    expectSameVerdicts(
      z
        .array(z.int())
        .max(1)
        .refine((a) => a.every(even)),
      inputs,
    );
    expectSameVerdicts(
      z
        .int()
        .optional()
        .refine((v) => v === undefined || even(v)),
      inputs,
    );
    expectSameVerdicts(
      z.union([z.int(), z.string()]).refine((v) => v !== "b"),
      inputs,
    );
    expectSameVerdicts(
      z.record(z.string(), z.int()).refine((r) => "a" in r),
      inputs,
    );
    expectSameVerdicts(
      z.tuple([z.int()]).refine((t) => even(t[0])),
      inputs,
    );
  });

  it("an overwrite among the checks reaches the output (`.trim()` after a refinement)", () => {
    const schema = z
      .string()
      .refine((s) => s.length > 0)
      .trim();
    expectSameVerdicts(schema, [" a ", "", "  "]);
    expect(generateAccept(schema, "json", "alias")!(" a ")).toBe("a");
  });

  it("an async refinement is refused with the interpreter's error, nothing left unhandled", async () => {
    const schema = z.string().refine(async () => Promise.reject(new Error("late")));
    expect(() => generateAccept(schema, "json", "alias")!("a")).toThrow(/synchronously/);
    expect(() => compileValidator(schema, { input: "json", generated: false })("a", [])).toThrow(
      /synchronously/,
    );
    // inside a union too: not a reason to try the next member
    const union = z.union([schema, z.string()]);
    expect(() => generateAccept(union, "json", "alias")!("a")).toThrow(/synchronously/);
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});

describe("what is left to the interpreter", () => {
  it.each([
    ["transform", z.string().transform((s) => s.length)],
    ["catchall schema", z.object({}).catchall(z.int())],
    ["date", z.date()],
    ["catch", z.int().catch(0)],
    ["lazy", z.lazy(() => z.int())],
    ["bigint", z.bigint()],
    ["custom", z.custom<string>((v) => typeof v === "string")],
  ])("%s: no generated code", (_name, schema) => {
    expect(generateAccept(schema, "json", "alias")).toBeNull();
  });

  it("a recursive schema: no generated code, the interpreter still validates it", () => {
    const Node = z.object({
      name: z.string(),
      get children(): z.ZodOptional<z.ZodArray<typeof Node>> {
        return z.array(Node).optional();
      },
    });
    expect(generateAccept(Node, "json", "alias")).toBeNull();
    const value = { name: "a", children: [{ name: "b" }] };
    expect(compileValidator(Node, { input: "json" })(value, ["body"])).toEqual({ ok: true, value });
  });
});
