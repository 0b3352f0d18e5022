import { aliasOf } from "./aliases.js";
import { exactTest } from "./compile-union.js";
import { type Context, type EmitChild, stringLiteral, Unsupported } from "./generate-emit.js";
import { isZod, type ZodLike } from "./zod-def.js";

/** a member as a function of its own: its `return FAIL` then means "this member refused" */
function memberFunction(member: unknown, cx: Context, emit: EmitChild): string {
  const e = cx.e;
  const name = e.fresh("m");
  const param = e.fresh("v");
  const body = e.capture(() => e.line(`return ${emit(member, param, cx)};`));
  e.functions.push(`function ${name}(${param}) {\n${body.join("\n")}\n}`);
  return name;
}

/**
 * `z.union` as compile-union.ts runs it in pydantic's smart mode: null for a `z.null()` member,
 * then the members the input already matches exactly, in order, then every member in order with
 * conversions; the first that accepts wins. `z.discriminatedUnion`: the member the tag picks.
 */
export function emitUnion(schema: ZodLike, v: string, cx: Context, emit: EmitChild): string {
  const def = schema._zod.def;
  const options = def.options as unknown[];
  if (!options.every(isZod)) throw new Unsupported("a member that is not a Zod schema");
  const isNull = (o: unknown) => (o as ZodLike)._zod.def.type === "null";
  const hasNull = options.some(isNull);
  const real = options.filter((o) => !isNull(o));
  const e = cx.e;
  const u = e.fresh("u");
  e.line(`let ${u};`);
  if (hasNull) e.line(`if (${v} === null) ${u} = null; else {`);
  if (typeof def.discriminator === "string") emitTagged(def.discriminator, real, v, u, cx, emit);
  else if (real.length === 1) {
    // one member besides null: its code inline, its refusal the union's
    e.line(`${u} = ${emit(real[0], v, cx)};`);
  } else {
    const members = real.map((member) => memberFunction(member, cx, emit));
    e.line(`${u} = FAIL;`);
    real.forEach((member, i) => {
      const exact = e.constant(exactTest(member));
      e.line(`if (${u} === FAIL && ${exact}(${v})) ${u} = ${members[i]}(${v});`);
    });
    for (const member of members) e.line(`if (${u} === FAIL) ${u} = ${member}(${v});`);
    e.line(`if (${u} === FAIL) return FAIL;`);
  }
  if (hasNull) e.line("}");
  return u;
}

function emitTagged(
  key: string,
  options: unknown[],
  v: string,
  u: string,
  cx: Context,
  emit: EmitChild,
): void {
  const e = cx.e;
  const shapeOf = (o: unknown) =>
    (o as ZodLike)._zod.def.shape as Record<string, unknown> | undefined;
  // tag value -> member index, the last member declaring a tag winning as in the interpreter
  const byTag = new Map<unknown, number>();
  options.forEach((option, i) => {
    const field = shapeOf(option)?.[key] as ZodLike | undefined;
    for (const tag of field?._zod.values ?? []) byTag.set(tag, i);
  });
  const alias = options.map((o) => aliasOf(shapeOf(o)?.[key])).find((a) => a !== undefined);
  const wire = cx.keys === "name" ? key : (alias ?? key);
  const members = options.map((member) => memberFunction(member, cx, emit));
  const tag = e.fresh("t");
  const index = e.fresh("j");
  e.line(`if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return FAIL;`);
  e.line(`const ${tag} = ${v}[${stringLiteral(wire)}];`);
  e.line(`if (${tag} === undefined) return FAIL;`);
  e.line(`const ${index} = ${e.constant(byTag)}.get(${tag});`);
  e.line(`switch (${index}) {`);
  for (const [i, member] of members.entries()) e.line(`case ${i}: ${u} = ${member}(${v}); break;`);
  e.line("default: return FAIL;");
  e.line("}");
  e.line(`if (${u} === FAIL) return FAIL;`);
}
