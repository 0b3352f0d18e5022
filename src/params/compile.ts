import type { RequestContext } from "../http/context.js";
import type { Accept, Validator } from "../schema/index.js";
import { acceptorFor, describeFields, interpreterFor } from "../schema/index.js";
import type { ParamDeclaration } from "./analyze.js";
import { fileValidator, formFieldReader, formModelReader } from "./form.js";
import { cookieModelReader, firstHeaderLine, headerModelReader } from "./header-cookie-models.js";

/** Reads a param's raw input: a string, string[] for lists, the body value, or undefined. */
export type ParamReader = (ctx: RequestContext, body: unknown) => unknown;

/** A param ready to run per request: where to read it, how to validate it, where to put it. */
export interface CompiledParam {
  /** index of the graph node whose argument object receives the value */
  node: number;
  name: string;
  read: ParamReader;
  /** null: the raw string is the value (an undeclared path template name) */
  validate: Validator | null;
  /** the validator's generated accept-path: the value, or ACCEPT_FAIL (then `validate` reports) */
  accept: Accept | null;
  loc: (string | number)[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A query model (`Query(z.object({...}))`) reads the whole query string: every key becomes a
 * field — a list for list fields, else the last value — so a strict model sees extra keys.
 */
function queryModelReader(param: ParamDeclaration): ParamReader {
  const fields = describeFields(param.schema!) ?? {};
  const lists = new Set(Object.keys(fields).filter((key) => fields[key]!.isList));
  return (ctx) => {
    const query = ctx.query;
    // null prototype: a "__proto__" key is a field like any other, never the model's prototype
    const model: Record<string, unknown> = Object.create(null);
    for (const key in query) {
      const values = query[key]!;
      model[key] = lists.has(key) ? values : values[values.length - 1];
    }
    return model;
  };
}

/** A param whose object schema is filled from a whole source rather than one key of it. */
export function isSourceModel(param: ParamDeclaration): boolean {
  return (
    (param.source === "query" ||
      param.source === "form" ||
      param.source === "header" ||
      param.source === "cookie") &&
    param.facts.isObject &&
    param.schema !== undefined
  );
}

function readerFor(param: ParamDeclaration, embedBody: boolean): ParamReader {
  if (param.source === "form" || param.source === "file") {
    // the route's form values arrive as `body`
    const read = isSourceModel(param) ? formModelReader(param) : formFieldReader(param);
    return (_ctx, body) => read(body);
  }
  if (isSourceModel(param)) {
    if (param.source === "header") return headerModelReader(param);
    if (param.source === "cookie") return cookieModelReader();
    return queryModelReader(param);
  }
  const wire = param.wireName;
  switch (param.source) {
    case "path":
      return (ctx) => ctx.pathParams[wire];
    case "query":
      return param.facts.isList
        ? (ctx) => ctx.query[wire]
        : (ctx) => {
            const values = ctx.query[wire];
            return values === undefined ? undefined : values[values.length - 1];
          };
    case "header":
      return param.facts.isList
        ? (ctx) => {
            const values = ctx.headerValues(wire);
            return values.length === 0 ? undefined : values;
          }
        : (ctx) => firstHeaderLine(ctx, wire);
    case "cookie":
      return (ctx) => ctx.cookies[wire];
    default:
      return embedBody
        ? (_ctx, body) => (isRecord(body) ? body[wire] : undefined)
        : (_ctx, body) => body;
  }
}

/** Per request: params in error order, each read, validated and stored on its node's arguments. */
export function compileParam(
  node: number,
  param: ParamDeclaration,
  embedBody: boolean,
): CompiledParam {
  if (param.source === "form" || param.source === "file") {
    // FastAPI reports form and file errors under "body"; form strings convert like query values
    return {
      node,
      name: param.name,
      read: readerFor(param, embedBody),
      validate:
        param.source === "file"
          ? fileValidator(param.facts)
          : interpreterFor(param.schema!, "string"),
      accept: param.source === "file" ? null : acceptorFor(param.schema!, "string"),
      loc: isSourceModel(param) ? ["body"] : ["body", param.wireName],
    };
  }
  const isBody = param.source === "body";
  return {
    node,
    name: param.name,
    read: readerFor(param, embedBody),
    validate:
      param.schema === undefined ? null : interpreterFor(param.schema, isBody ? "json" : "string"),
    accept:
      param.schema === undefined ? null : acceptorFor(param.schema, isBody ? "json" : "string"),
    loc:
      (isBody && !embedBody) || isSourceModel(param)
        ? [param.source]
        : [param.source, param.wireName],
  };
}
