import type { RequestContext } from "../http/context.js";
import { describeFields } from "../schema/index.js";
import type { ParamDeclaration } from "./analyze.js";

/**
 * A header's value as FastAPI reads it (Starlette's `Headers.get`): the first line when the
 * client sent several. node:http joins repeated lines with ", ", so only such a value is looked
 * up again line by line.
 */
export function firstHeaderLine(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.header(name);
  if (value === undefined || !value.includes(", ")) return value;
  return ctx.headerValues(name)[0] ?? value;
}

/**
 * A header model (`Header(z.object({...}))`) reads every header, as FastAPI does: each declared
 * field from its hyphenated name (`save_data` <- `save-data`, unless `convertUnderscores: false`;
 * an alias is taken as it is),
 * a list for list fields, and every other header under its lowercase name, so a strict model
 * sees the extra ones.
 */
export function headerModelReader(param: ParamDeclaration): (ctx: RequestContext) => unknown {
  const facts = describeFields(param.schema!) ?? {};
  const convert = param.options.convertUnderscores !== false;
  const fields = Object.keys(facts).map((name) => ({
    name,
    wire: (convert && !facts[name]!.aliased ? name.replaceAll("_", "-") : name).toLowerCase(),
    isList: facts[name]!.isList,
  }));
  const wires = new Set(fields.map((field) => field.wire));
  return (ctx) => {
    // null prototype: a "__proto__" header is a field like any other, never the model's prototype
    const model: Record<string, unknown> = Object.create(null);
    for (const field of fields) {
      if (field.isList) {
        const values = ctx.headerValues(field.wire);
        if (values.length > 0) model[field.name] = values;
      } else {
        const value = firstHeaderLine(ctx, field.wire);
        if (value !== undefined) model[field.name] = value;
      }
    }
    const headers = ctx.headers;
    for (const key in headers) {
      if (wires.has(key)) continue;
      const value = headers[key];
      if (value !== undefined) model[key] = Array.isArray(value) ? value[value.length - 1] : value;
    }
    return model;
  };
}

/** A cookie model (`Cookie(z.object({...}))`) reads every cookie, each field by its name. */
export function cookieModelReader(): (ctx: RequestContext) => unknown {
  return (ctx) => Object.assign(Object.create(null), ctx.cookies);
}
