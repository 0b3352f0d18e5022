import { ConfigError } from "../errors/config-error.js";
import type { SchemaFacts } from "../schema/index.js";
import {
  describeSchema,
  isStandardSchema,
  type StandardSchemaV1,
  unsupportedPatterns,
} from "../schema/index.js";
import { FileSchema } from "./form.js";
import {
  type BodyOptions,
  type HeaderOptions,
  isParamMarker,
  type ParamSource,
} from "./markers.js";

/** One declared value parameter of a route or dependency, with where it comes from. */
export interface ParamDeclaration {
  /** the declared name: the key in `params` and in the handler's argument object */
  name: string;
  source: ParamSource;
  /** undefined for a path template `{name}` with no declared param: the raw string */
  schema: StandardSchemaV1 | undefined;
  /** the name on the wire: alias, hyphenated header name, or the declared name */
  wireName: string;
  options: HeaderOptions & BodyOptions;
  facts: SchemaFacts;
}

const RAW_STRING_FACTS: SchemaFacts = { optional: false, isList: false, isObject: false };

function wireNameOf(name: string, source: ParamSource, options: HeaderOptions): string {
  if (source === "header") {
    const base =
      options.alias ?? (options.convertUnderscores === false ? name : name.replaceAll("_", "-"));
    return base.toLowerCase();
  }
  return options.alias ?? name;
}

/**
 * Refuses a request schema whose pattern cannot run on the linear-time engine: on V8's
 * backtracking engine one crafted value can hold the event loop for seconds.
 */
function checkPatterns(name: string, schema: StandardSchemaV1, where: string): void {
  const unsupported = unsupportedPatterns(schema)[0];
  if (unsupported === undefined) return;
  throw new ConfigError(
    "E_UNSAFE_PATTERN",
    where,
    `params.${name} has the pattern /${unsupported.pattern}/, which needs backtracking (${unsupported.reason}) and can take exponential time on a crafted value. Rewrite it without backreferences or lookarounds, or check the value in the handler.`,
  );
}

/**
 * Classifies one value entry of a `params` object. A bare schema is a path param if its name is
 * in the template, the body if it is an object schema, otherwise a query param (FastAPI's rules).
 */
export function declareParam(
  name: string,
  value: unknown,
  pathNames: ReadonlySet<string>,
  where: string,
): ParamDeclaration {
  if (isParamMarker(value)) {
    const facts =
      value.schema instanceof FileSchema ? value.schema.facts : describeSchema(value.schema);
    checkPatterns(name, value.schema, where);
    const wireName = wireNameOf(name, value.source, value.options);
    if (value.source === "path") {
      if (!pathNames.has(wireName)) {
        throw new ConfigError(
          "E_PATH_PARAM_MISSING",
          where,
          `"${name}" is declared with Path() but the path has no "{${wireName}}". Add it to the path or use Query().`,
        );
      }
      if (facts.optional) {
        throw new ConfigError(
          "E_PATH_PARAM_OPTIONAL",
          where,
          `path parameter "${name}" is optional or has a default; path parameters are always required.`,
        );
      }
    } else if (pathNames.has(name) && value.options.alias === undefined) {
      throw new ConfigError(
        "E_PARAM_CONFLICT",
        where,
        `"${name}" is declared as both a path and a ${value.source} parameter. Rename one of them.`,
      );
    }
    return {
      name,
      source: value.source,
      schema: value.schema,
      wireName,
      options: value.options,
      facts,
    };
  }
  if (isStandardSchema(value)) {
    const facts = describeSchema(value);
    checkPatterns(name, value, where);
    const source: ParamSource = pathNames.has(name) ? "path" : facts.isObject ? "body" : "query";
    return { name, source, schema: value, wireName: name, options: {}, facts };
  }
  throw new ConfigError(
    "E_PARAM_SOURCE",
    where,
    `params.${name} is neither a schema nor a marker (Path, Query, Header, Cookie, Body, Form, File, Depends).`,
  );
}

/** A `{name}` of the path template that no param declares: handed to the handler as a string. */
export function implicitPathParam(name: string): ParamDeclaration {
  return {
    name,
    source: "path",
    schema: undefined,
    wireName: name,
    options: {},
    facts: RAW_STRING_FACTS,
  };
}

/**
 * A route reads its body one way: as JSON (`Body`) or as a form (`Form`, `File`), never both.
 * Returns "json", "form" or null (no body params).
 */
export function bodyKindOf(
  params: readonly ParamDeclaration[],
  where: string,
): "json" | "form" | null {
  const json = params.find((p) => p.source === "body");
  const form = params.find((p) => p.source === "form" || p.source === "file");
  if (json !== undefined && form !== undefined) {
    throw new ConfigError(
      "E_BODY_CONFLICT",
      where,
      `"${json.name}" is a JSON body param and "${form.name}" a ${form.source} param; a request has one body. Declare "${json.name}" with Form() or the others with Body().`,
    );
  }
  return json !== undefined ? "json" : form !== undefined ? "form" : null;
}
