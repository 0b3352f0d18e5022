import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  ACCEPT_FAIL,
  acceptorFor,
  compileValidator,
  interpreterFor,
  validatorFor,
} from "../../src/schema/index.js";
import { GENERATE_AFTER } from "../../src/schema/validator.js";

/** counts the accept functions generated while it is installed (Zod makes functions too) */
function countGenerated(): { count: number } {
  const seen = { count: 0 };
  vi.stubGlobal(
    "Function",
    new Proxy(Function, {
      construct(target, args) {
        if (String(args.at(-1)).includes("function accept")) seen.count++;
        return Reflect.construct(target, args);
      },
    }),
  );
  return seen;
}

describe("when a validator's accept function is generated", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("once the schema is in use, not on its first validations, and only once", () => {
    const generated = countGenerated();
    const validate = compileValidator(z.object({ id: z.int() }), { input: "json" });
    for (let i = 1; i < GENERATE_AFTER; i++) {
      expect(validate({ id: i }, ["body"])).toEqual({ ok: true, value: { id: i } });
    }
    expect(generated.count).toBe(0);
    for (let i = 0; i < 5; i++) validate({ id: i, extra: true }, ["body"]);
    expect(generated.count).toBe(1);
    expect(validate({ id: "7" }, ["body"])).toEqual({ ok: true, value: { id: 7 } });
  });

  it("a rejected value still gets the interpreter's errors after generation", () => {
    const validate = compileValidator(z.object({ id: z.int().min(1) }), { input: "json" });
    for (let i = 0; i < GENERATE_AFTER * 2; i++) validate({ id: 1 }, ["body"]);
    expect(validate({ id: 0 }, ["body"])).toEqual({
      ok: false,
      errors: [
        {
          type: "greater_than_equal",
          loc: ["body", "id"],
          msg: "Input should be greater than or equal to 1",
          input: 0,
          ctx: { ge: 1 },
        },
      ],
    });
  });

  it("acceptorFor: one shared accept function per schema and input kind", () => {
    const schema = z.int().min(1);
    expect(acceptorFor(schema, "string")).toBe(acceptorFor(schema, "string"));
    expect(acceptorFor(schema, "string")).not.toBe(acceptorFor(schema, "json"));
    const accept = acceptorFor(schema, "string");
    const answers = Array.from({ length: GENERATE_AFTER + 2 }, () => accept("5"));
    // the interpreter's turn first (ACCEPT_FAIL: ask the validator), then the generated value
    expect(answers.slice(0, GENERATE_AFTER - 1).every((a) => a === ACCEPT_FAIL)).toBe(true);
    expect(answers.slice(GENERATE_AFTER - 1)).toEqual([5, 5, 5]);
    expect(accept("0")).toBe(ACCEPT_FAIL);
  });

  it("validatorFor and acceptorFor share one generated function per schema and input kind", () => {
    const generated = countGenerated();
    const schema = z.object({ id: z.int().min(1) });
    const accept = acceptorFor(schema, "json");
    const validate = validatorFor(schema, "json");
    // as a route runs them: the accept-path, then the validator for a refused value's errors
    for (let i = 0; i < GENERATE_AFTER * 4; i++) {
      const id = i % 2; // every other value refused
      if (accept({ id }) === ACCEPT_FAIL) validate({ id }, ["body"]);
    }
    expect(generated.count).toBe(1);
  });

  it("interpreterFor words a refused value's errors without running or counting the accept-path", () => {
    const generated = countGenerated();
    const schema = z.object({ id: z.int().min(1) });
    const accept = acceptorFor(schema, "json");
    const interpret = interpreterFor(schema, "json");
    expect(interpreterFor(schema, "json")).toBe(interpret);
    // a route's refused values: each is one call of the accept-path, however many are refused
    for (let i = 1; i < GENERATE_AFTER; i++) {
      expect(accept({ id: 0 })).toBe(ACCEPT_FAIL);
      expect(interpret({ id: 0 }, ["body"]).ok).toBe(false);
    }
    expect(generated.count).toBe(0);
    expect(accept({ id: 3 })).toEqual({ id: 3 });
    expect(generated.count).toBe(1);
    expect(interpret({ id: 0 }, ["body"])).toEqual(
      validatorFor(schema, "json")({ id: 0 }, ["body"]),
    );
    expect(generated.count).toBe(1);
  });
});
