import { config } from "zod/v4/core";
import { aliasOf } from "./aliases.js";
import { compileNode } from "./compile.js";
import { lengthLimits, setKey } from "./compile-compound.js";
import { describeSchema } from "./describe.js";
import {
  ACCEPT_FAIL,
  type Context,
  Emitter,
  emitChecks,
  stringLiteral,
  Unsupported,
} from "./generate-emit.js";
import { LEAVES } from "./generate-leaf.js";
import { emitUnion } from "./generate-union.js";
import type { FieldKeys, InputKind } from "./types.js";
import { checksOf, isZod, type ZodLike } from "./zod-def.js";

/** The output value of an accepted input, or ACCEPT_FAIL: then the interpreter decides. */
export type Accept = (input: unknown) => unknown;

/** Writes the accept-path of one schema node reading variable `v`; returns the output's variable. */
function emit(schema: unknown, v: string, cx: Context): string {
  if (!isZod(schema) || cx.open.has(schema)) throw new Unsupported("not a (finite) Zod schema");
  cx.e.visit();
  cx.open.add(schema);
  try {
    const type = schema._zod.def.type;
    const leaf = LEAVES[type];
    if (leaf !== undefined) return leaf(schema, v, cx.e);
    const out = emitCompound(schema, v, cx);
    // refinements (`.refine`, `.superRefine`) after the value is built, as the interpreter's
    // withAllChecks; an array's length limits are its own
    const checks = checksOf(schema).filter(
      (c) => type !== "array" || !LENGTH_CHECKS.has(c._zod.def.check ?? ""),
    );
    return emitChecks(checks, out, cx.e);
  } finally {
    cx.open.delete(schema);
  }
}

const LENGTH_CHECKS = new Set(["min_length", "max_length", "length_equals"]);

function emitCompound(schema: ZodLike, v: string, cx: Context): string {
  switch (schema._zod.def.type) {
    case "object":
      return emitObject(schema, v, cx);
    case "array":
      return emitArray(schema, v, cx);
    case "union":
      return emitUnion(schema, v, cx, emit);
    case "record":
      return emitRecord(schema, v, cx);
    case "tuple":
      return emitTuple(schema, v, cx);
    default:
      return emitWrapper(schema, v, cx);
  }
}

/** writes `inner` inside a block, its output assigned to a variable declared before it */
function block(out: string, cx: Context, inner: () => string): void {
  cx.e.line("{");
  const r = inner();
  cx.e.line(`${out} = ${r};`);
  cx.e.line("}");
}

function emitWrapper(schema: ZodLike, v: string, cx: Context): string {
  const def = schema._zod.def;
  const e = cx.e;
  if (def.type === "nonoptional") return emit(def.innerType, v, cx);
  const r = e.fresh("w");
  e.line(`let ${r};`);
  switch (def.type) {
    case "optional":
      e.line(`if (${v} === undefined) ${r} = undefined; else`);
      block(r, cx, () => emit(def.innerType, v, cx));
      return r;
    case "nullable":
      e.line(`if (${v} === null) ${r} = null; else`);
      block(r, cx, () => emit(def.innerType, v, cx));
      return r;
    case "default":
      // read per use, as the interpreter does: Zod's getter copies object defaults every time
      e.line(`if (${v} === undefined) ${r} = ${e.constant(def)}.defaultValue; else`);
      block(r, cx, () => emit(def.innerType, v, cx));
      return r;
    case "prefault": {
      const p = e.fresh("p");
      e.line(`const ${p} = ${v} === undefined ? ${e.constant(def)}.defaultValue : ${v};`);
      block(r, cx, () => emit(def.innerType, p, cx));
      return r;
    }
    case "readonly":
      block(r, cx, () => emit(def.innerType, v, cx));
      e.line(`if (typeof ${r} === "object" && ${r} !== null) Object.freeze(${r});`);
      return r;
    default:
      throw new Unsupported(def.type);
  }
}

function emitArray(schema: ZodLike, v: string, cx: Context): string {
  const { min, max } = lengthLimits(schema);
  const e = cx.e;
  const [items, n, out, i] = [e.fresh("l"), e.fresh("n"), e.fresh("a"), e.fresh("i")];
  // a Set is read as a list, as the interpreter reads it (a union must not pass it on)
  e.line(`const ${items} = Array.isArray(${v}) ? ${v} : ${v} instanceof Set ? [...${v}] : null;`);
  e.line(`if (${items} === null) return FAIL;`);
  e.line(`const ${n} = ${items}.length;`);
  if (max !== Number.POSITIVE_INFINITY) e.line(`if (${n} > ${max}) return FAIL;`);
  if (min > 0) e.line(`if (${n} < ${min}) return FAIL;`);
  e.line(`const ${out} = new Array(${n});`);
  e.line(`for (let ${i} = 0; ${i} < ${n}; ${i}++) {`);
  const item = e.fresh("x");
  e.line(`const ${item} = ${items}[${i}];`);
  const r = emit(schema._zod.def.element, item, cx);
  e.line(`${out}[${i}] = ${r};`);
  e.line("}");
  return out;
}

/** `z.record`: every own key through the key schema, its value through the value schema. */
function emitRecord(schema: ZodLike, v: string, cx: Context): string {
  const e = cx.e;
  const [out, key] = [e.fresh("r"), e.fresh("k")];
  e.line(`if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return FAIL;`);
  e.line(`const ${out} = {};`);
  e.line(`for (const ${key} of Object.keys(${v})) {`);
  const k = emit(schema._zod.def.keyType, key, cx);
  const item = e.fresh("x");
  e.line(`const ${item} = ${v}[${key}];`);
  const r = emit(schema._zod.def.valueType, item, cx);
  e.line(`${e.constant(setKey)}(${out}, String(${k}), ${r});`);
  e.line("}");
  return out;
}

/** `z.tuple`: fixed positions (absent ones only if optional), then `rest` items. */
function emitTuple(schema: ZodLike, v: string, cx: Context): string {
  const def = schema._zod.def;
  const items = def.items as unknown[];
  const e = cx.e;
  const [n, out] = [e.fresh("n"), e.fresh("a")];
  e.line(`if (!Array.isArray(${v})) return FAIL;`);
  e.line(`const ${n} = ${v}.length;`);
  if (!def.rest) e.line(`if (${n} > ${items.length}) return FAIL;`);
  e.line(`const ${out} = [];`);
  for (const [i, item] of items.entries()) {
    const x = e.fresh("x");
    e.line(`const ${x} = ${v}[${i}];`);
    // a position past the input's end: missing unless its schema accepts absence
    if (!compileNode(item).acceptsUndefined) e.line(`if (${i} >= ${n}) return FAIL;`);
    const r = e.fresh("w");
    e.line(`let ${r};`);
    block(r, cx, () => emit(item, x, cx));
    e.line(`if (${i} < ${n} || ${r} !== undefined) ${out}.push(${r});`);
  }
  if (def.rest) {
    const i = e.fresh("i");
    e.line(`for (let ${i} = ${items.length}; ${i} < ${n}; ${i}++) {`);
    const x = e.fresh("x");
    e.line(`const ${x} = ${v}[${i}];`);
    e.line(`${out}.push(${emit(def.rest, x, cx)});`);
    e.line("}");
  }
  return out;
}

type Extras = "strip" | "forbid" | "keep";

function extrasOf(schema: ZodLike): Extras {
  const catchall = (schema._zod.def.catchall as ZodLike | undefined)?._zod.def.type;
  if (catchall === undefined) return "strip";
  if (catchall === "never") return "forbid";
  if (catchall === "unknown" || catchall === "any") return "keep";
  throw new Unsupported("catchall schema");
}

/**
 * Whether a field's output is never undefined (so it may sit in the object literal): not
 * accepting an absent value, and no overwrite (`.overwrite(fn)`) that could return undefined.
 */
function alwaysDefined(field: unknown): boolean {
  if (compileNode(field).acceptsUndefined) return false;
  let s = field;
  for (let depth = 0; depth < 32 && isZod(s); depth++) {
    const def = s._zod.def;
    if ((def.checks ?? []).some((c) => c._zod.def.check === "overwrite")) return false;
    if (def.type !== "nullable" && def.type !== "readonly" && def.type !== "nonoptional")
      return true;
    s = def.innerType;
  }
  return false;
}

const OBJECT_PROTOTYPE = Object.prototype as unknown as Record<string, unknown>;

/**
 * `z.object`: as compile-compound.ts's objectFn. The output is one object literal for the
 * leading fields that always have a value (V8 builds it from one boilerplate), then assignments
 * for the rest in shape order, so its key order is the interpreter's.
 */
function emitObject(schema: ZodLike, v: string, cx: Context): string {
  const def = schema._zod.def;
  const extras = extrasOf(schema);
  const shape = def.shape as Record<string, unknown>;
  const keys = Object.keys(shape);
  const wire = keys.map((key) => (cx.keys === "name" ? key : (aliasOf(shape[key]) ?? key)));
  const e = cx.e;
  e.line(`if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return FAIL;`);
  if (extras === "forbid") {
    const known = e.constant(new Set(wire));
    e.line(`for (const k of Object.keys(${v})) if (!${known}.has(k)) return FAIL;`);
  }
  const outputs: string[] = [];
  const defined: boolean[] = [];
  for (let i = 0; i < keys.length; i++) {
    const schemaOf = shape[keys[i]!];
    if (!isZod(schemaOf)) throw new Unsupported("a field that is not a Zod schema");
    const key = wire[i]!;
    const field = e.fresh("f");
    const literal = stringLiteral(key);
    e.line(`let ${field} = ${v}[${literal}];`);
    // a field named like an Object.prototype member is absent unless the input owns it
    if (key === "__proto__") {
      e.line(`if (!Object.hasOwn(${v}, ${literal})) ${field} = undefined;`);
    } else if (key in Object.prototype) {
      const inherited = e.constant(OBJECT_PROTOTYPE[key]);
      e.line(
        `if (${field} === ${inherited} && !Object.hasOwn(${v}, ${literal})) ${field} = undefined;`,
      );
    }
    if (!compileNode(schemaOf).acceptsUndefined) e.line(`if (${field} === undefined) return FAIL;`);
    outputs.push(emit(schemaOf, field, cx));
    defined.push(alwaysDefined(schemaOf));
  }
  const out = e.fresh("o");
  let inLiteral = 0;
  while (inLiteral < keys.length && defined[inLiteral] && keys[inLiteral] !== "__proto__")
    inLiteral++;
  const members = keys.slice(0, inLiteral).map((k, i) => `${stringLiteral(k)}: ${outputs[i]}`);
  e.line(`const ${out} = { ${members.join(", ")} };`);
  const set = e.constant(setKey);
  for (let i = inLiteral; i < keys.length; i++) {
    const name = stringLiteral(keys[i]!);
    const assign =
      keys[i] === "__proto__"
        ? `${set}(${out}, ${name}, ${outputs[i]});`
        : `${out}[${name}] = ${outputs[i]};`;
    e.line(defined[i] ? assign : `if (${outputs[i]} !== undefined) ${assign}`);
  }
  if (extras === "keep") {
    const known = e.constant(new Set([...wire, ...keys]));
    e.line(`for (const k of Object.keys(${v})) if (!${known}.has(k)) ${set}(${out}, k, ${v}[k]);`);
  }
  return out;
}

/** Whether code generation is allowed: Zod's `jitless` switch, and `new Function` itself. */
function generationAllowed(): boolean {
  return config().jitless !== true;
}

/**
 * The accept-path of a schema as one generated function, or null when the schema has a kind
 * the generator leaves to the interpreter (transforms, recursion, dates, bigint, catch…),
 * when Zod's `jitless` is set, or where `new Function` is refused (CSP, Workers).
 * @example generateAccept(z.object({ id: z.int() }), "json", "alias")?.({ id: 1 }) // { id: 1 }
 */
export function generateAccept(schema: unknown, input: InputKind, keys: FieldKeys): Accept | null {
  if (!isZod(schema) || !generationAllowed()) return null;
  const e = new Emitter();
  const cx: Context = { e, keys, open: new Set() };
  try {
    if (input === "string" && describeSchema(schema).isList) {
      // a single query/header value for a list schema is a list of one
      e.line(`if (typeof input === "string") input = [input];`);
    }
    if (!compileNode(schema).acceptsUndefined) e.line("if (input === undefined) return FAIL;");
    const out = emit(schema, "input", cx);
    e.line(`return ${out};`);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  const hoisted = e.constants.map((_, i) => `const K${i} = constants[${i}];`).join("\n");
  const source = `"use strict";\n${hoisted}\n${e.functions.join("\n")}\nreturn function accept(input) {\n${e.lines.join("\n")}\n};`;
  try {
    return new Function("FAIL", "constants", source)(ACCEPT_FAIL, e.constants) as Accept;
  } catch {
    return null; // code generation refused by the environment
  }
}

export { ACCEPT_FAIL };
