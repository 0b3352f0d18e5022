import { z } from "zod";
import { aliasOf } from "./aliases.js";
import type { CompileChild } from "./compile-compound.js";
import { MSG, pyRepr } from "./messages.js";
import { type Compiled, INVALID, type Run } from "./run.js";
import { innerSchema, isZod, type ZodLike } from "./zod-def.js";

type Exact = (value: unknown) => boolean;

const never: Exact = () => false;
const isPlainObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);

/** Does the input already have the member's type, with no conversion (pydantic's strict pass)? */
export function exactTest(schema: unknown): Exact {
  if (!isZod(schema)) return never;
  const def = schema._zod.def;
  switch (def.type) {
    case "string":
      return (v) => typeof v === "string";
    case "number":
      return checksIncludeInt(schema) ? Number.isInteger : (v) => typeof v === "number";
    case "boolean":
      return (v) => typeof v === "boolean";
    case "null":
      return (v) => v === null;
    case "enum":
    case "literal": {
      const values = schema._zod.values ?? new Set();
      return (v) => values.has(v);
    }
    case "object":
    case "record":
      return isPlainObject;
    case "array":
    case "tuple":
      return Array.isArray;
    case "date":
      return (v) => v instanceof Date;
    default: {
      const inner = innerSchema(schema);
      return inner === undefined ? never : exactTest(inner);
    }
  }
}

function checksIncludeInt(schema: ZodLike): boolean {
  const def = schema._zod.def;
  const all = [def, ...(def.checks ?? []).map((c) => c._zod.def)];
  return all.some((d) => d.check === "number_format" && /int/.test(String(d.format)));
}

/** The member name pydantic puts into the loc of a failed union member (`str`, `int`, …). */
export function unionTag(schema: unknown): string {
  if (!isZod(schema)) return "custom";
  const def = schema._zod.def;
  const meta = z.globalRegistry.get(schema as never) as { id?: string; title?: string } | undefined;
  switch (def.type) {
    case "string":
      return "str";
    case "number":
      return checksIncludeInt(schema) ? "int" : "float";
    case "boolean":
      return "bool";
    case "null":
      return "none";
    case "literal":
      return `literal[${[...(schema._zod.values ?? [])].map(pyRepr).join(",")}]`;
    case "enum":
      return meta?.id ?? meta?.title ?? "enum";
    case "array":
      return `list[${unionTag(def.element)}]`;
    case "record":
      return `dict[${unionTag(def.keyType)},${unionTag(def.valueType)}]`;
    case "object":
      return meta?.id ?? meta?.title ?? "model";
    default: {
      const inner = innerSchema(schema);
      return inner === undefined ? def.type : unionTag(inner);
    }
  }
}

/**
 * `z.union` in pydantic's smart mode: a member the input already matches exactly wins, then
 * members are tried in order with conversions. When all fail, every member's errors are
 * reported under its tag (`["query","x","int"]`). A `z.null()` member makes it nullable.
 */
export function compileUnion(schema: ZodLike, compileChild: CompileChild): Compiled {
  const def = schema._zod.def;
  const options = def.options as ZodLike[];
  const hasNull = options.some((o) => isZod(o) && o._zod.def.type === "null");
  const real = options.filter((o) => !(isZod(o) && o._zod.def.type === "null"));
  if (typeof def.discriminator === "string") {
    return compileTagged(def.discriminator, real, hasNull, compileChild);
  }
  const members = real.map(compileChild);
  const acceptsUndefined = members.some((m) => m.acceptsUndefined);
  if (members.length === 1) {
    const only = members[0]!.fn;
    return {
      fn: hasNull ? (v, run) => (v === null ? null : only(v, run)) : only,
      acceptsUndefined,
    };
  }
  const exact = real.map(exactTest);
  const tags = real.map(unionTag);
  const count = members.length;
  const fn = (value: unknown, run: Run): unknown => {
    if (hasNull && value === null) return null;
    const mark = run.mark();
    for (let i = 0; i < count; i++) {
      if (!exact[i]!(value)) continue;
      const r = members[i]!.fn(value, run);
      run.rollback(mark);
      if (r !== INVALID) return r;
    }
    const path = run.path;
    for (let i = 0; i < count; i++) {
      path.push(tags[i]!);
      const r = members[i]!.fn(value, run);
      path.pop();
      if (r !== INVALID) {
        run.rollback(mark);
        return r;
      }
    }
    return INVALID;
  };
  return { fn, acceptsUndefined };
}

/** `z.discriminatedUnion`: pydantic's tagged union, member errors under the tag value. */
function compileTagged(
  key: string,
  options: ZodLike[],
  hasNull: boolean,
  compileChild: CompileChild,
): Compiled {
  const byTag = new Map<unknown, { node: Compiled; tag: string }>();
  for (const option of options) {
    const node = compileChild(option);
    const field = (option._zod.def.shape as Record<string, ZodLike> | undefined)?.[key];
    for (const v of field?._zod.values ?? []) byTag.set(v, { node, tag: String(v) });
  }
  // an aliased tag field is read from its alias, except by a response validator (run.byName)
  const wireKey =
    options
      .map((option) =>
        aliasOf((option._zod.def.shape as Record<string, unknown> | undefined)?.[key]),
      )
      .find((alias) => alias !== undefined) ?? key;
  const discriminator = pyRepr(key);
  const expectedTags = [...byTag.keys()].map(pyRepr).join(", ");
  const fn = (value: unknown, run: Run): unknown => {
    if (hasNull && value === null) return null;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return run.fail("model_attributes_type", MSG.model_attributes_type, value);
    }
    const tagValue = (value as Record<string, unknown>)[run.byName ? key : wireKey];
    if (tagValue === undefined) {
      return run.fail(
        "union_tag_not_found",
        `Unable to extract tag using discriminator ${discriminator}`,
        value,
        { discriminator },
      );
    }
    const hit = byTag.get(tagValue);
    if (hit === undefined) {
      const tag = tagText(tagValue);
      return run.fail(
        "union_tag_invalid",
        `Input tag '${tag}' found using ${discriminator} does not match any of the expected tags: ${expectedTags}`,
        value,
        { discriminator, tag, expected_tags: expectedTags },
      );
    }
    run.path.push(hit.tag);
    const r = hit.node.fn(value, run);
    run.path.pop();
    return r;
  };
  return { fn, acceptsUndefined: false };
}

/** a tag value as text; an object whose toString is not callable (`{"toString": 1}`) included */
function tagText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
