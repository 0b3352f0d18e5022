import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { generateAccept } from "../../src/schema/generate.js";
import { numberLiteral, stringLiteral } from "../../src/schema/generate-emit.js";
import { ACCEPT_FAIL, compileValidator } from "../../src/schema/index.js";

describe("what enters generated code", () => {
  const HOSTILE = '"];process.exit()//';

  it("property names only as string literals: quotes, code and line separators stay data", () => {
    const schema = z.object({
      [HOSTILE]: z.string(),
      "a\u2028b": z.int(),
      "*/`${x}`": z.boolean(),
      "\\": z.null(),
    });
    const input = JSON.parse(
      JSON.stringify({ [HOSTILE]: "x", "a\u2028b": 1, "*/`${x}`": true, "\\": null }),
    );
    const accept = generateAccept(schema, "json", "alias")!;
    expect(accept(input)).toEqual(input);
    expect(JSON.stringify(accept(input))).toBe(JSON.stringify(input));
  });

  it("an own __proto__ key is data, as the interpreter keeps it; an inherited one is absent", () => {
    // a computed key: an own "__proto__" field, not the shape's prototype
    const schema = z.object({ ["__proto__"]: z.object({ polluted: z.boolean() }), a: z.int() });
    const accept = generateAccept(schema, "json", "alias")!;
    const input = JSON.parse('{"a": 1, "__proto__": {"polluted": true}}');
    const out = accept(input) as Record<string, unknown>;
    const interpreted = compileValidator(schema, { input: "json", generated: false })(input, []);
    expect(interpreted.ok && JSON.stringify(interpreted.value)).toBe(JSON.stringify(out));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    // a plain object literal's __proto__ is its prototype, not a field: missing, left to the interpreter
    expect(accept({ a: 1 })).toBe(ACCEPT_FAIL);
  });

  it("fields named like Object.prototype members are absent unless owned", () => {
    const schema = z.object({ constructor: z.string().optional(), toString: z.int().default(0) });
    const accept = generateAccept(schema, "json", "alias")!;
    expect(accept({})).toEqual({ toString: 0 });
    expect(Object.hasOwn(accept({}) as object, "constructor")).toBe(false);
    expect(accept(JSON.parse('{"constructor": "c", "toString": "2"}'))).toEqual({
      constructor: "c",
      toString: 2,
    });
  });

  it("patterns, defaults and choices are passed in as values, never written into the source", () => {
    const schema = z.object({
      code: z.string().regex(/^SECRET-PATTERN$/),
      mode: z.enum(["SECRET-MEMBER"]),
      note: z.string().default("SECRET-DEFAULT"),
    });
    const source = String(generateAccept(schema, "json", "alias"));
    expect(source).toContain("function accept");
    expect(source).not.toMatch(/SECRET/);
  });

  it("numbers written as literals keep -0, infinities and NaN", () => {
    for (const n of [0, -0, 1.5, -2, 1e21, 5e-324, Infinity, -Infinity, Number.NaN]) {
      expect(Object.is(new Function(`return ${numberLiteral(n)};`)(), n)).toBe(true);
    }
    expect(new Function(`return ${stringLiteral("a\u2028\u2029\"'")};`)()).toBe("a\u2028\u2029\"'");
  });
});

describe("the off switches", () => {
  afterEach(() => {
    z.config({ jitless: false });
    vi.unstubAllGlobals();
  });

  const schema = z.object({ id: z.int().min(1), name: z.string() });

  it("Zod's jitless setting: no generated code, the interpreter validates alone", () => {
    expect(generateAccept(schema, "json", "alias")).not.toBeNull();
    z.config({ jitless: true });
    expect(generateAccept(schema, "json", "alias")).toBeNull();
    const validate = compileValidator(schema, { input: "json" });
    expect(validate({ id: "2", name: "a" }, ["body"])).toEqual({
      ok: true,
      value: { id: 2, name: "a" },
    });
    expect(validate({ id: 0, name: "a" }, ["body"]).ok).toBe(false);
  });

  it("where new Function is refused (CSP, Workers): no generated code, same answers", () => {
    vi.stubGlobal(
      "Function",
      class {
        constructor() {
          throw new EvalError("Code generation from strings disallowed for this context");
        }
      },
    );
    expect(generateAccept(schema, "json", "alias")).toBeNull();
    const validate = compileValidator(schema, { input: "json" });
    expect(validate({ id: 3, name: "b" }, ["body"])).toEqual({
      ok: true,
      value: { id: 3, name: "b" },
    });
    const rejected = validate({ id: 0 }, ["body"]);
    expect(rejected.ok ? [] : rejected.errors.map((e) => e.type)).toEqual([
      "greater_than_equal",
      "missing",
    ]);
  });
});
