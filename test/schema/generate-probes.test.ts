import { describe, expect, it } from "vitest";
import { z } from "zod";
import { generateAccept } from "../../src/schema/generate.js";
import { ACCEPT_FAIL, compileValidator } from "../../src/schema/index.js";
import type { FieldKeys, InputKind } from "../../src/schema/types.js";

// The generated accept-path against the interpreter on hand-picked hostile inputs the random
// grammar of generate.test.ts rarely draws: signed, padded, exponent, hex and non-ASCII digit
// strings, non-finite floats, pydantic's bool words, lone surrogates, hostile keys, aliases on
// both sides. A value the generated function returns must be the interpreter's, identically.
function agree(schema: z.ZodType, input: InputKind, keys: FieldKeys, inputs: unknown[]) {
  const accept = generateAccept(schema, input, keys);
  expect(accept, "generated").not.toBeNull();
  const interp = compileValidator(schema, { input, keys, generated: false });
  const misses: unknown[] = [];
  for (const raw of inputs) {
    const a = accept!(raw);
    const b = interp(raw, []);
    if (a === ACCEPT_FAIL) {
      if (b.ok) misses.push(raw);
      continue;
    }
    expect(
      b.ok,
      `interpreter refuses ${typeof raw === "bigint" ? raw : JSON.stringify(raw)} the generated accepts`,
    ).toBe(true);
    if (b.ok) {
      expect(Object.is(a, b.value) || typeof a === "object").toBe(true);
      expect(a).toStrictEqual(b.value);
    }
  }
  return misses;
}

const INTS = [
  "+1",
  " 1",
  "1 ",
  "1.0",
  "1.",
  "1e2",
  "0x1",
  "١٢",
  "1_0",
  "-0",
  "+-1",
  "",
  " ",
  "9".repeat(17),
  "9".repeat(4301),
  "0b1",
  "1,0",
  "٣",
  "\u00a01",
  "01",
];
const FLOATS = [
  "inf",
  "nan",
  "-inf",
  "Infinity",
  "1e309",
  "-1e309",
  "1e2",
  ".5",
  "5.",
  "+.5",
  "1_0.5",
  "0x1",
  " 2.5 ",
  "1e",
  "e1",
  "١.٥",
];
const BOOLS = [
  "on",
  "yes",
  "1",
  "True",
  "TRUE",
  "y",
  "Y",
  "off",
  "no",
  "0",
  "False",
  "f",
  " true",
  "true ",
  "2",
  "",
  "ON",
];

describe("the generated accept-path agrees with the interpreter on", () => {
  it("ints from strings", () => {
    for (const s of [z.int(), z.number().int(), z.int32(), z.int().min(0), z.number()]) {
      agree(s, "string", "alias", [...INTS, ...FLOATS]);
      agree(s, "json", "alias", [
        ...INTS,
        ...FLOATS,
        -0,
        Number.POSITIVE_INFINITY,
        2 ** 60,
        1.5,
        true,
        false,
        null,
        10n,
      ]);
    }
  });
  it("bools", () => {
    agree(z.boolean(), "string", "alias", BOOLS);
    agree(z.boolean(), "json", "alias", [...BOOLS, 1, 0, -0, 2, true, null]);
  });
  it("lists", () => {
    for (const s of [
      z.array(z.int()),
      z.array(z.int()).optional(),
      z.array(z.string()).default([]),
      z.array(z.boolean()).min(1),
      z.union([z.array(z.int()), z.int()]),
      z.array(z.int()).nullable(),
    ]) {
      agree(s, "string", "alias", [undefined, "1", ["1", "2"], [], ["x"], "x", null]);
    }
  });
  it("strings", () => {
    const lone = "\ud800";
    const inputs = [
      "",
      "a",
      "ab",
      "😀",
      "😀😀",
      lone,
      lone + lone,
      `${lone}a`,
      "\udc00\ud800",
      "a😀",
      "😀😀😀",
      " a ",
      1,
      null,
    ];
    for (const s of [
      z.string().min(2),
      z.string().max(2),
      z.string().length(2),
      z.string().trim().min(1),
      z.string().min(1).trim(),
      z.email(),
      z.url(),
      z.uuid(),
      z.string().startsWith("a").max(2),
    ]) {
      agree(s, "json", "alias", [
        ...inputs,
        "a@b.co",
        "https://x.y",
        "http://a",
        "mailto:x",
        "550e8400-e29b-41d4-a716-446655440000",
        "00000000-0000-0000-0000-000000000000",
        "550E8400-E29B-41D4-A716-446655440000",
      ]);
    }
  });
  it("enums and literals", () => {
    for (const s of [
      z.enum(["a", "b"]),
      z.literal([1, 2]),
      z.literal(1),
      z.union([z.literal(1), z.literal("1")]),
      z.literal([0, -0]),
      z.literal([1.5, 1e21]),
      z.literal(true),
      z.enum({ A: 1, B: 2 }),
    ]) {
      agree(s, "string", "alias", [
        "1",
        " 1",
        "1.0",
        "+1",
        "a",
        "0",
        "-0",
        "1.5",
        "1e21",
        "1e+21",
        "true",
      ]);
      agree(s, "json", "alias", [1, "1", -0, 0, true, "true", 1.5]);
    }
  });
  it("hostile records and objects", () => {
    const proto = JSON.parse('{"__proto__": {"x": 1}, "constructor": 2, "toString": 3, "a": 4}');
    for (const s of [
      z.record(z.string(), z.int()),
      z.record(z.string(), z.unknown()),
      z.looseObject({ a: z.int() }),
      z.object({
        constructor: z.int().optional(),
        toString: z.int().optional(),
        __proto__: z.unknown(),
      }),
      z.object({ hasOwnProperty: z.string().default("d") }),
      z.strictObject({ a: z.int() }),
      z.record(z.enum(["a", "b"]), z.int()),
    ]) {
      agree(s, "json", "alias", [
        proto,
        {},
        { a: 1 },
        JSON.parse('{"__proto__": null}'),
        Object.create(null),
        { toString: "x" },
      ]);
    }
  });
  it("unions", () => {
    const D = z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("a"), n: z.int() }),
      z.object({ kind: z.literal(["b", 1]), s: z.string() }).meta({}),
    ]);
    for (const s of [
      D,
      D.nullable(),
      z.union([z.int(), z.string()]),
      z.union([z.string(), z.int()]),
      z.union([z.number(), z.boolean()]),
      z.union([z.boolean(), z.int()]),
      z.union([z.object({ a: z.int() }), z.object({ a: z.string(), b: z.int().default(3) })]),
    ]) {
      const inputs = [
        { kind: "a", n: "1" },
        { kind: 1, s: "x" },
        { kind: "1", s: "x" },
        { kind: "b", s: 1 },
        "1",
        1,
        true,
        "true",
        1.5,
        { a: "1" },
        { a: "x" },
        { a: 1 },
        null,
      ];
      agree(s, "json", "alias", inputs);
      agree(s, "string", "alias", inputs);
    }
  });
  it("aliases by name", () => {
    const M = z.object({
      itemName: z.string().meta({ alias: "item-name" }),
      n: z.int().optional(),
    });
    const inputs = [{ itemName: "x" }, { "item-name": "x" }, { itemName: "x", "item-name": "y" }];
    for (const s of [
      M,
      z.array(M),
      z.record(z.string(), M),
      z.union([M, z.int()]),
      M.nullable(),
      z.looseObject({ a: z.string().meta({ alias: "b" }) }),
    ]) {
      agree(s, "json", "name", [
        ...inputs,
        [inputs[0]],
        { k: inputs[0] },
        { a: "1", b: "2" },
        { b: "2" },
      ]);
      agree(s, "json", "alias", [
        ...inputs,
        [inputs[1]],
        { k: inputs[1] },
        { a: "1", b: "2" },
        { b: "2" },
      ]);
    }
  });
  it("defaults", () => {
    for (const s of [
      z.object({
        a: z.int().default(1),
        b: z.object({ c: z.array(z.int()) }).default({ c: [1] }),
        d: z.string().optional(),
        e: z.string().nullable().default(null),
      }),
    ]) {
      agree(s, "json", "alias", [{}, { a: 2 }, { d: undefined }, { b: { c: ["1"] } }]);
    }
  });
});
