import { codePointLength, parseBoolString, parseFloatString, parseIntString } from "./coerce.js";
import { numberChecks } from "./compile-number.js";
import { FORMAT_ERRORS } from "./compile-string.js";
import { type Emitter, emitChecks, numberLiteral } from "./generate-emit.js";
import { linearTest } from "./linear-pattern.js";
import { checksOf, type ZodCheckLike, type ZodLike } from "./zod-def.js";

// Each function writes the accept-path of one leaf kind, the conversions exactly as the
// interpreter's node does them (compile-string.ts, compile-number.ts, compile-leaf.ts), and
// returns the variable holding the output; any input the node would reject returns FAIL.

/** a Zod string-format check as a boolean test, with one reused payload (validation is sync) */
function formatCheck(check: ZodCheckLike): (s: string) => boolean {
  const run = check._zod.check!;
  const payload = { value: "" as unknown, issues: [] as unknown[] };
  return (s) => {
    payload.value = s;
    payload.issues.length = 0;
    run(payload);
    const ok = payload.issues.length === 0;
    payload.issues.length = 0;
    return ok;
  };
}

/** `z.string()` with length, pattern, pydantic-named formats and overwrites (`.trim()`). */
export function emitString(schema: ZodLike, v: string, e: Emitter): string {
  type Test = (s: string) => string;
  const tests: Test[] = [];
  const overwrites: string[] = [];
  const unknown: ZodCheckLike[] = [];
  const length = e.constant(codePointLength);
  // at least n code points: sure when the UTF-16 length is 2n or more, each pair counting one
  const min =
    (n: number): Test =>
    (s) =>
      `if (${s}.length < ${n * 2} && ${length}(${s}) < ${n}) return FAIL;`;
  const max =
    (n: number): Test =>
    (s) =>
      `if (${s}.length > ${n} && ${length}(${s}) > ${n}) return FAIL;`;
  for (const check of checksOf(schema)) {
    const d = check._zod.def;
    if (d.check === "min_length") tests.push(min(d.minimum));
    else if (d.check === "max_length") tests.push(max(d.maximum));
    else if (d.check === "length_equals") tests.push(min(d.length), max(d.length));
    else if (d.check === "overwrite") overwrites.push(e.constant(d.tx));
    else if (d.check === "string_format" && d.format === "regex") {
      // the interpreter's engine choice: V8 when provably linear, else RE2
      const matches = e.constant(linearTest(d.pattern as RegExp));
      tests.push((s) => `if (!${matches}(${s})) return FAIL;`);
    } else if (
      d.check === "string_format" &&
      FORMAT_ERRORS[d.format] !== undefined &&
      typeof check._zod.check === "function"
    ) {
      const valid = e.constant(formatCheck(check));
      tests.push((s) => `if (!${valid}(${s})) return FAIL;`);
    } else unknown.push(check);
  }
  e.line(`if (typeof ${v} !== "string") return FAIL;`);
  if (tests.length === 0 && overwrites.length === 0) return emitChecks(unknown, v, e);
  const s = e.fresh("s");
  e.line(`let ${s} = ${v};`);
  for (const tx of overwrites) e.line(`${s} = ${tx}(${s});`);
  for (const test of tests) e.line(test(s));
  // what the interpreter runs after its own tests pass (`.startsWith`, `.refine`…)
  return emitChecks(unknown, s, e);
}

/** `z.number()` / `z.int()`: lax conversions, then every bound. */
export function emitNumber(schema: ZodLike, v: string, e: Emitter): string {
  const { isInt, bounds, unknown } = numberChecks(schema);
  // each: the condition under which the converted number `n` fails
  const conditions = bounds.map(([kind, value]): ((n: string) => string) => {
    const limit = numberLiteral(value);
    if (kind !== "multiple_of") {
      const op = { ge: ">=", gt: ">", le: "<=", lt: "<" }[kind];
      return (n) => `!(${n} ${op} ${limit})`;
    }
    // same tolerance as the interpreter (and Zod) for fractional steps
    return (n) =>
      `(Math.abs(${n} % ${limit}) > 1e-9 && Math.abs(Math.abs(${n} % ${limit}) - Math.abs(${limit})) > 1e-9)`;
  });
  const n = e.fresh("n");
  e.line(`let ${n};`);
  if (isInt) {
    e.line(
      `if (typeof ${v} === "number") { if (!Number.isInteger(${v})) return FAIL; ${n} = ${v}; }`,
    );
    e.line(
      `else if (typeof ${v} === "string") { ${n} = ${e.constant(parseIntString)}(${v}); if (typeof ${n} !== "number") return FAIL; }`,
    );
  } else {
    e.line(
      `if (typeof ${v} === "number") { if (!Number.isFinite(${v})) return FAIL; ${n} = ${v}; }`,
    );
    e.line(
      `else if (typeof ${v} === "string") { ${n} = ${e.constant(parseFloatString)}(${v}); if (typeof ${n} !== "number") return FAIL; }`,
    );
  }
  e.line(`else if (typeof ${v} === "boolean") ${n} = ${v} ? 1 : 0;`);
  e.line(`else if (typeof ${v} === "bigint") ${n} = Number(${v});`);
  e.line("else return FAIL;");
  for (const condition of conditions) e.line(`if (${condition(n)}) return FAIL;`);
  return emitChecks(unknown, n, e);
}

/** `z.boolean()`: true/false, 1/0, and pydantic's words from strings. */
export function emitBoolean(schema: ZodLike, v: string, e: Emitter): string {
  const b = e.fresh("b");
  const parse = e.constant(parseBoolString);
  e.line(`let ${b};`);
  e.line(`if (typeof ${v} === "boolean") ${b} = ${v};`);
  e.line(
    `else if (typeof ${v} === "string") { ${b} = ${parse}(${v}); if (typeof ${b} !== "boolean") return FAIL; }`,
  );
  e.line(`else if (${v} === 1) ${b} = true;`);
  e.line(`else if (${v} === 0) ${b} = false;`);
  e.line("else return FAIL;");
  return emitChecks(checksOf(schema), b, e);
}

/** `z.enum` / `z.literal`: a member, or a numeric member's string form ("1" -> 1). */
export function emitChoice(schema: ZodLike, v: string, e: Emitter): string {
  const values = [...(schema._zod.values ?? [])];
  const byString = new Map<string, unknown>();
  for (const value of values) if (typeof value === "number") byString.set(String(value), value);
  const r = e.fresh("c");
  e.line(`let ${r} = ${v};`);
  const allowed = e.constant(new Set(values));
  if (byString.size === 0) {
    e.line(`if (!${allowed}.has(${v})) return FAIL;`);
    return r;
  }
  e.line(`if (!${allowed}.has(${v})) {`);
  e.line(`if (typeof ${v} !== "string") return FAIL;`);
  e.line(`${r} = ${e.constant(byString)}.get(${v}.trim());`);
  e.line(`if (${r} === undefined) return FAIL;`);
  e.line("}");
  return r;
}

function emitUndefined(_schema: ZodLike, v: string, e: Emitter): string {
  e.line(`if (${v} !== undefined) return FAIL;`);
  return v;
}

type Leaf = (schema: ZodLike, v: string, e: Emitter) => string;

/** a leaf, then its checks (`z.enum([...]).refine(...)`), as the interpreter's withAllChecks */
function refined(leaf: Leaf): Leaf {
  return (schema, v, e) => emitChecks(checksOf(schema), leaf(schema, v, e), e);
}

/** the leaf kinds generated here, by Zod def type */
export const LEAVES: Record<string, Leaf> = {
  string: emitString,
  number: emitNumber,
  boolean: emitBoolean,
  enum: refined(emitChoice),
  literal: refined(emitChoice),
  null: refined((_schema, v, e) => {
    e.line(`if (${v} !== null) return FAIL;`);
    return v;
  }),
  undefined: refined(emitUndefined),
  void: refined(emitUndefined),
  any: refined((_schema, v) => v),
  unknown: refined((_schema, v) => v),
};
