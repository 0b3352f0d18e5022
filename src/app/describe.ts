import type { GraphNode } from "../dependencies/graph.js";
import { buildOpenApiDocument } from "../openapi/build.js";
import type {
  BodyFieldDescription,
  DocumentOptions,
  OperationDescription,
  ParameterDescription,
  RequestBodyDescription,
  SecurityRequirementDescription,
} from "../openapi/types.js";
import type { ParamDeclaration } from "../params/analyze.js";
import { isSourceModel } from "../params/compile.js";
import { isEventSourceClass } from "../responses/event-stream.js";
import { isGeneratorFunction } from "../responses/json-lines.js";
import type { StandardSchemaV1 } from "../schema/index.js";
import { aliasOf, describeSchema, modelShape, titleCase } from "../schema/index.js";
import { documentedRecord } from "./documented-routes.js";
import type { ResponseClass } from "./route-options.js";
import type { RouteRecord } from "./route-record.js";

/** The App options that shape `/openapi.json`, `/docs` and `/redoc`. */
export interface OpenApiAppOptions {
  /** default "/openapi.json"; null serves no document and no docs pages */
  openapiUrl?: string | null;
  /** default "/docs" (Swagger UI); null: none */
  docsUrl?: string | null;
  /** default "/redoc"; null: none */
  redocUrl?: string | null;
  /** default "/docs/oauth2-redirect"; null: none */
  swaggerUiOauth2RedirectUrl?: string | null;
  /** extra SwaggerUIBundle options, overriding FastAPI's defaults (`{ deepLinking: false }`) */
  swaggerUiParameters?: Record<string, unknown>;
  /** argument of Swagger UI's `initOAuth` (client id, app name…) */
  swaggerUiInitOAuth?: Record<string, unknown>;
  /** the document's top-level `tags`, in this order */
  openapiTags?: Record<string, unknown>[];
  /** the document's `servers`; the root path is listed first when one is set */
  servers?: Record<string, unknown>[];
  /** the document's top-level `externalDocs` (FastAPI's `openapi_external_docs`) */
  openapiExternalDocs?: { url: string; description?: string };
  /** default true: `Name-Input` / `Name-Output` components where the two sides differ */
  separateInputOutputSchemas?: boolean;
  /** operationId of every route without an explicit `operationId` */
  generateUniqueId?: (operation: OperationDescription, method: string) => string;
  termsOfService?: string;
  contact?: Record<string, unknown>;
  license?: Record<string, unknown>;
}

/** What `describeApp` needs of an App (kept structural so this file never imports app.ts). */
export interface DescribableApp {
  readonly title: string;
  readonly version: string;
  readonly rootPath: string;
  readonly routes: readonly RouteRecord[];
  /** documented only, under the document's `webhooks` */
  readonly webhooks?: { records(): RouteRecord[] };
  readonly config: OpenApiAppOptions & { summary?: string; description?: string };
}

// A `{name}` of the template that no param declares is handed over as a string.
const RAW_STRING = {
  "~standard": {
    version: 1,
    vendor: "tailor",
    validate: (value: unknown) => ({ value }),
    jsonSchema: { input: () => ({ type: "string" }), output: () => ({ type: "string" }) },
  },
} as unknown as StandardSchemaV1;

const GROUP_ORDER = { path: 0, query: 1, header: 2, cookie: 3 } as const;

/** Own params first, then each dependency's, depth first: FastAPI's flattened dependant. */
function flattenNodes(root: GraphNode): GraphNode[] {
  const seen = new Set<GraphNode>();
  const out: GraphNode[] = [];
  const visit = (node: GraphNode) => {
    if (seen.has(node)) return;
    seen.add(node);
    out.push(node);
    for (const use of node.uses) visit(use.node);
  };
  visit(root);
  return out;
}

function describeParameter(param: ParamDeclaration): ParameterDescription {
  const out: ParameterDescription = {
    name: param.name,
    wireName: param.wireName,
    in: param.source as ParameterDescription["in"],
    required: param.source === "path" || !param.facts.optional,
    schema: param.schema ?? RAW_STRING,
  };
  if (param.options.alias !== undefined) out.alias = param.options.alias;
  if (param.options.description !== undefined) out.description = param.options.description;
  if (param.options.deprecated) out.deprecated = true;
  if (param.options.examples !== undefined) out.examples = param.options.examples;
  if (param.options.title !== undefined) out.title = param.options.title;
  if (param.options.openapiExamples !== undefined) {
    out.openapiExamples = param.options.openapiExamples;
  }
  return out;
}

/**
 * A query, header or cookie model is documented as FastAPI does: each of its fields a parameter
 * (a header field under its hyphenated name, titled by its own name).
 */
function expandQueryModel(param: ParamDeclaration): ParamDeclaration[] {
  const shape = param.source !== "form" && isSourceModel(param) ? modelShape(param.schema) : null;
  if (shape === null) return [param];
  return Object.entries(shape).map(([key, schema]) => {
    const alias = aliasOf(schema);
    const name = alias ?? key;
    return {
      name,
      source: param.source,
      schema,
      wireName: param.source === "header" ? headerFieldName(name, param, alias) : name,
      options: param.source === "header" ? { title: titleCase(name) } : {},
      facts: describeSchema(schema),
    };
  });
}

function headerFieldName(name: string, model: ParamDeclaration, alias?: string): string {
  return (
    model.options.convertUnderscores === false || alias !== undefined
      ? name
      : name.replaceAll("_", "-")
  ).toLowerCase();
}

function describeParameters(params: ParamDeclaration[]): ParameterDescription[] {
  const byKey = new Map<string, ParameterDescription>();
  for (const param of params.flatMap(expandQueryModel)) {
    if (!(param.source in GROUP_ORDER)) continue;
    const described = describeParameter(param);
    const key = `${described.in}:${described.wireName}`;
    const existing = byKey.get(key);
    // a parameter read by two dependencies is documented once, required if either needs it
    if (existing === undefined) byKey.set(key, described);
    else existing.required ||= described.required;
  }
  return [...byKey.values()].sort(
    (a, b) => GROUP_ORDER[a.in as keyof typeof GROUP_ORDER] - GROUP_ORDER[b.in],
  );
}

function describeBody(params: ParamDeclaration[]): RequestBodyDescription | undefined {
  const body = params.filter(
    (p) => p.source === "body" || p.source === "form" || p.source === "file",
  );
  if (body.length === 0) return undefined;
  const hasFile = body.some((p) => p.source === "file");
  const hasForm = body.some((p) => p.source === "form");
  const fields = body.map((param): BodyFieldDescription => {
    const field: BodyFieldDescription = {
      name: param.name,
      wireName: param.wireName,
      required: !param.facts.optional,
    };
    if (param.source === "file") {
      if (param.facts.isList) field.isFileList = true;
      else field.isFile = true;
    } else if (param.schema !== undefined) field.schema = param.schema;
    if (param.options.description !== undefined) field.description = param.options.description;
    if (param.options.title !== undefined) field.title = param.options.title;
    if (param.options.examples !== undefined) field.examples = param.options.examples;
    if (param.options.deprecated) field.deprecated = true;
    if (param.options.openapiExamples !== undefined) {
      field.openapiExamples = param.options.openapiExamples;
    }
    return field;
  });
  // a lone form model is the whole form, like a lone JSON body is the whole body (FastAPI)
  const formModel = body.length === 1 && isSourceModel(body[0]!);
  return {
    mediaType: hasFile
      ? "multipart/form-data"
      : hasForm
        ? "application/x-www-form-urlencoded"
        : "application/json",
    embedded:
      hasFile ||
      (hasForm && !formModel) ||
      body.length > 1 ||
      body.some((p) => p.options.embed === true),
    required: fields.some((f) => f.required),
    fields,
  };
}

const mediaTypes = new WeakMap<ResponseClass, string>();

/** `HTMLResponse` -> "text/html": the content type an empty instance of the class sets. */
function mediaTypeOf(responseClass: ResponseClass | undefined): string {
  if (responseClass === undefined) return "application/json";
  let mediaType = mediaTypes.get(responseClass);
  if (mediaType === undefined) {
    try {
      const header = new responseClass("").headers["content-type"];
      mediaType = typeof header === "string" ? header.split(";")[0]!.trim() : "application/json";
    } catch {
      mediaType = "application/json";
    }
    mediaTypes.set(responseClass, mediaType);
  }
  return mediaType;
}

function describeSecurity(nodes: GraphNode[]): SecurityRequirementDescription[] {
  const out: SecurityRequirementDescription[] = [];
  for (const node of nodes) {
    const scheme = node.dependency?.securityScheme;
    if (scheme === undefined) continue;
    out.push({ schemeName: scheme.schemeName, scheme: scheme.scheme, scopes: [...node.scopes] });
  }
  return out;
}

/**
 * A route as the OpenAPI builder sees it: its own params and every dependency's merged in
 * FastAPI's order, the body shape, the success response and the security it requires.
 * `undefined` for a route declared with `includeInSchema: false`.
 */
export function describeRoute(record: RouteRecord): OperationDescription | undefined {
  const { options } = record;
  if (options.includeInSchema === false) return undefined;
  const nodes = flattenNodes(record.graph.root);
  const params = nodes
    .flatMap((node) => node.params)
    .filter((param) => param.options.includeInSchema !== false);
  const operation: OperationDescription = {
    path: record.path,
    methods: record.methods,
    name: record.name,
    tags: record.tags,
    parameters: describeParameters(params),
    status: options.status ?? 200,
    responseSchema: options.response ?? null,
    // a generator handler streams JSON Lines (or events): its `response` schema describes one item
    responseMediaType: isGeneratorFunction(record.handler)
      ? isEventSourceClass(options.responseClass)
        ? "text/event-stream"
        : "application/jsonl"
      : mediaTypeOf(options.responseClass),
    streamsItems: isGeneratorFunction(record.handler),
    responses: record.responses,
    security: describeSecurity(nodes),
  };
  const requestBody = describeBody(params);
  if (requestBody !== undefined) operation.requestBody = requestBody;
  if (options.operationId !== undefined) operation.operationId = options.operationId;
  if (options.summary !== undefined) operation.summary = options.summary;
  if (options.description !== undefined) operation.description = options.description;
  if (options.deprecated) operation.deprecated = true;
  if (options.responseDescription !== undefined) {
    operation.responseDescription = options.responseDescription;
  }
  if (options.openapiExtra !== undefined) operation.openapiExtra = options.openapiExtra;
  if (options.callbacks !== undefined) {
    operation.callbacks = options.callbacks
      .declarations()
      .flatMap((declaration) => describeRoute(documentedRecord(declaration)) ?? []);
  }
  return operation;
}

/** The App's options as the document builder takes them; the root path becomes the first server. */
export function documentOptions(app: DescribableApp): DocumentOptions {
  const config = app.config;
  const options: DocumentOptions = { title: app.title, version: app.version };
  if (config.summary) options.summary = config.summary;
  if (config.description) options.description = config.description;
  if (config.termsOfService) options.termsOfService = config.termsOfService;
  if (config.contact) options.contact = config.contact;
  if (config.license) options.license = config.license;
  const servers = [...(config.servers ?? [])];
  if (app.rootPath !== "" && !servers.some((server) => server.url === app.rootPath)) {
    servers.unshift({ url: app.rootPath });
  }
  if (servers.length > 0) options.servers = servers;
  if (config.openapiTags) options.openapiTags = config.openapiTags;
  if (config.openapiExternalDocs) options.externalDocs = config.openapiExternalDocs;
  if (config.separateInputOutputSchemas !== undefined) {
    options.separateInputOutputSchemas = config.separateInputOutputSchemas;
  }
  if (config.generateUniqueId) options.generateUniqueId = config.generateUniqueId;
  return options;
}

/**
 * The OpenAPI 3.1 document of an app's routes (those with `includeInSchema !== false`).
 *
 * @example
 * const doc = describeApp(app); // what `app.openapi()` returns and caches
 */
export function describeApp(app: DescribableApp): Record<string, unknown> {
  const operations: OperationDescription[] = [];
  for (const record of app.routes) {
    const operation = describeRoute(record);
    if (operation !== undefined) operations.push(operation);
  }
  const options = documentOptions(app);
  const webhooks = (app.webhooks?.records() ?? []).flatMap((record) => describeRoute(record) ?? []);
  if (webhooks.length > 0) options.webhooks = webhooks;
  return buildOpenApiDocument(operations, options);
}
