import type { StandardSchemaV1 } from "../schema/index.js";

/**
 * What the OpenAPI builder is told about one route. `app` flattens a compiled route (its own
 * params plus every dependency's) into this; `openapi` never imports `app`.
 */
export interface OperationDescription {
  /** full path template as declared, prefixes included: "/items/{item_id}", "/files/{p:path}" */
  path: string;
  /** uppercase methods, in declaration order */
  methods: string[];
  /** route name (FastAPI `name`): handler function name, or the `name` option */
  name: string;
  operationId?: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated?: boolean;
  /** in FastAPI's order: path, query, header, cookie; dependency params merged in */
  parameters: ParameterDescription[];
  requestBody?: RequestBodyDescription;
  /** the success status ("200" unless `status` was set) */
  status: number;
  /** the `response` schema; `null` or undefined: none declared (documented as `{}`) */
  responseSchema?: StandardSchemaV1 | null;
  /** media type of the success response (`application/json` unless `responseClass` says otherwise) */
  responseMediaType: string;
  /** the handler streams items (JSON Lines, server-sent events): the schema describes one item */
  streamsItems?: boolean;
  responseDescription?: string;
  /** extra `responses` of the route and its routers, in declaration order */
  responses: Record<string, ExtraResponseDescription>;
  /** one entry per security dependency, in first-use order */
  security: SecurityRequirementDescription[];
  /** merged deeply into the built operation, last */
  openapiExtra?: Record<string, unknown>;
  /** the requests this operation may send back (FastAPI's `callbacks`) */
  callbacks?: OperationDescription[];
}

export interface ParameterDescription {
  /** the declared name ("item_id"); the schema title is its Title Case (headers: the alias's) */
  name: string;
  /** the name on the wire ("x-client-version", the alias, or the declared name) */
  wireName: string;
  /** an explicit `alias`, when one was given: the schema title is then its Title Case */
  alias?: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: StandardSchemaV1;
  description?: string;
  deprecated?: boolean;
  examples?: unknown[];
  /** an explicit schema title */
  title?: string;
  /** the Parameter Object's named `examples` */
  openapiExamples?: Record<string, unknown>;
}

export interface RequestBodyDescription {
  mediaType: "application/json" | "application/x-www-form-urlencoded" | "multipart/form-data";
  /**
   * false: one JSON body param that is the whole body (`fields[0].schema` is the body schema);
   * true: several params, or `embed`, or a form: the body is `Body_<operationId>` with a property each
   */
  embedded: boolean;
  required: boolean;
  fields: BodyFieldDescription[];
}

export interface BodyFieldDescription {
  /** declared name (title) */
  name: string;
  /** wire name (property key) */
  wireName: string;
  required: boolean;
  /** for files: undefined schema; `isFile`/`isFileList` say which */
  schema?: StandardSchemaV1;
  /** example values, documented in the field's JSON Schema */
  examples?: unknown[];
  deprecated?: boolean;
  /** named examples: the media type's `examples` when this field is the whole body */
  openapiExamples?: Record<string, unknown>;
  isFile?: boolean;
  isFileList?: boolean;
  description?: string;
  /** an explicit schema title */
  title?: string;
}

export interface ExtraResponseDescription {
  description?: string;
  /** documented under application/json */
  model?: StandardSchemaV1;
  /** raw OpenAPI content object, merged as given */
  content?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}

export interface SecurityRequirementDescription {
  /** the components.securitySchemes key (default: the scheme class name) */
  schemeName: string;
  /** the OpenAPI Security Scheme Object */
  scheme: Record<string, unknown>;
  scopes: string[];
}

export interface DocumentOptions {
  title: string;
  version: string;
  summary?: string;
  description?: string;
  termsOfService?: string;
  contact?: Record<string, unknown>;
  license?: Record<string, unknown>;
  servers?: Record<string, unknown>[];
  openapiTags?: Record<string, unknown>[];
  webhooks?: OperationDescription[];
  /** the document's top-level `externalDocs` (`{ url, description? }`) */
  externalDocs?: Record<string, unknown>;
  /** default true: `Name-Input`/`Name-Output` only where the two JSON Schemas differ */
  separateInputOutputSchemas?: boolean;
  /** default `${name}${path with non-word chars -> "_"}_${method}` */
  generateUniqueId?: (operation: OperationDescription, method: string) => string;
}
