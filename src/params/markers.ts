import type { StandardSchemaV1 } from "../schema/index.js";

export type ParamSource = "path" | "query" | "header" | "cookie" | "body" | "form" | "file";

/** Options every parameter marker takes (FastAPI's `Query(alias=…, description=…)`). */
export interface ParamOptions {
  /** the name on the wire, replacing the declared name entirely */
  alias?: string;
  description?: string;
  deprecated?: boolean;
  /** false: validated as usual but left out of the OpenAPI document */
  includeInSchema?: boolean;
  /** example values, documented in the param's JSON Schema */
  examples?: unknown[];
  /** the schema title in OpenAPI (default: the Title Case of the name) */
  title?: string;
  /** named examples, documented as the Parameter Object's `examples` (Swagger UI offers a picker) */
  openapiExamples?: Record<string, OpenApiExample>;
}

/** One named example of a parameter (OpenAPI's Example Object). */
export interface OpenApiExample {
  summary?: string;
  description?: string;
  value?: unknown;
  externalValue?: string;
}

export interface HeaderOptions extends ParamOptions {
  /** default true: the declared name `x_trace_id` is read from the `x-trace-id` header */
  convertUnderscores?: boolean;
}

export interface BodyOptions extends ParamOptions {
  /** a single body param is the whole body unless embedded under its name */
  embed?: boolean;
}

/** A declared parameter: where its value comes from, and the schema that validates it. */
export class ParamMarker<
  TSchema extends StandardSchemaV1 = StandardSchemaV1,
  TSource extends ParamSource = ParamSource,
> {
  readonly kind = "param" as const;
  readonly source: TSource;
  readonly schema: TSchema;
  readonly options: HeaderOptions & BodyOptions;

  constructor(source: TSource, schema: TSchema, options: HeaderOptions & BodyOptions = {}) {
    this.source = source;
    this.schema = schema;
    this.options = options;
  }
}

/**
 * A path parameter; strings are converted to the schema's type.
 * @example app.get("/items/{item_id}", { params: { item_id: Path(z.number().int()) } }, ({ item_id }) => …)
 */
export function Path<TSchema extends StandardSchemaV1>(
  schema: TSchema,
  options?: ParamOptions,
): ParamMarker<TSchema, "path"> {
  return new ParamMarker("path", schema, options);
}

/**
 * A query parameter; an array schema collects repeated keys (`?tag=a&tag=b`).
 * @example { limit: Query(z.number().int().min(1).max(100).default(10)) }
 */
export function Query<TSchema extends StandardSchemaV1>(
  schema: TSchema,
  options?: ParamOptions,
): ParamMarker<TSchema, "query"> {
  return new ParamMarker("query", schema, options);
}

/**
 * A request header; the declared name's underscores become hyphens unless `convertUnderscores: false`.
 * @example { user_agent: Header(z.string()) } // reads `user-agent`
 */
export function Header<TSchema extends StandardSchemaV1>(
  schema: TSchema,
  options?: HeaderOptions,
): ParamMarker<TSchema, "header"> {
  return new ParamMarker("header", schema, options);
}

/** @example { session: Cookie(z.string().optional()) } */
export function Cookie<TSchema extends StandardSchemaV1>(
  schema: TSchema,
  options?: ParamOptions,
): ParamMarker<TSchema, "cookie"> {
  return new ParamMarker("cookie", schema, options);
}

/**
 * The JSON request body, or one embedded key of it when there are several `Body` params.
 * @example { item: Body(Item), importance: Body(z.number().int()) } // {"item": {…}, "importance": 5}
 */
export function Body<TSchema extends StandardSchemaV1>(
  schema: TSchema,
  options?: BodyOptions,
): ParamMarker<TSchema, "body"> {
  return new ParamMarker("body", schema, options);
}

export function isParamMarker(value: unknown): value is ParamMarker {
  return value instanceof ParamMarker;
}
