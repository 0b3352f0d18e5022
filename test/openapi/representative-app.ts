import { z } from "zod";
import type { OperationDescription, ParameterDescription } from "../../src/openapi/types.js";

/**
 * FastAPI's representative OpenAPI app (path + query + body + response model + tags + security
 * + dependency-declared header + form + file + enum), described as the app module would
 * describe its routes to the builder.
 */
export const Tier = z.enum(["free", "pro", "enterprise"]).meta({ id: "Tier" });

export const Model = z
  .object({
    name: z
      .string()
      .min(1)
      .meta({ examples: ["tiny-llm"] }),
    max_tokens: z.number().int().min(1).max(4096).default(256),
    tier: Tier.default("free"),
    description: z.string().nullable().default(null),
  })
  .meta({ id: "Model", description: "A served model." });

export const Message = z.object({ detail: z.string() }).meta({ id: "Message" });

/** input: a comma-separated string; output: the parsed list — the two sides differ */
export const Priced = z
  .object({
    price: z.number(),
    labels: z
      .string()
      .pipe(z.transform((text: string) => text.split(",")))
      .pipe(z.array(z.string())),
  })
  .meta({ id: "Priced" });

const oauth2 = {
  schemeName: "OAuth2PasswordBearer",
  scheme: { type: "oauth2", flows: { password: { scopes: {}, tokenUrl: "token" } } },
  scopes: [],
};
const apiKey = {
  schemeName: "APIKeyHeader",
  scheme: { type: "apiKey", description: "Project key", in: "header", name: "X-API-Key" },
  scopes: [],
};
const bearer = { schemeName: "HTTPBearer", scheme: { type: "http", scheme: "bearer" }, scopes: [] };

const clientVersion: ParameterDescription = {
  name: "x_client_version",
  wireName: "x-client-version",
  alias: "x-client-version",
  in: "header",
  required: true,
  schema: z.string(),
};

function route(
  partial: Partial<OperationDescription> & Pick<OperationDescription, "path" | "name">,
): OperationDescription {
  return {
    methods: ["GET"],
    tags: [],
    parameters: [],
    status: 200,
    responseMediaType: "application/json",
    responses: {},
    security: [],
    ...partial,
  };
}

export const operations: OperationDescription[] = [
  route({
    path: "/models/",
    name: "list_models",
    tags: ["models"],
    responseSchema: z.array(Model),
  }),
  route({
    path: "/models/{model_name}",
    name: "get_model",
    tags: ["models"],
    description: "Fetch one model by name.",
    parameters: [
      {
        name: "model_name",
        wireName: "model_name",
        in: "path",
        required: true,
        schema: z.string(),
      },
      {
        name: "limit",
        wireName: "limit",
        in: "query",
        required: false,
        schema: z.number().int().min(1).max(100).default(10),
      },
      {
        name: "q",
        wireName: "q",
        in: "query",
        required: false,
        schema: z.string().max(50).optional(),
        description: "Search text",
      },
      clientVersion,
    ],
    responseSchema: Model,
    responses: { "404": { model: Message, description: "Model not found" } },
  }),
  route({
    path: "/models/",
    name: "create_model",
    methods: ["POST"],
    tags: ["models"],
    status: 201,
    requestBody: {
      mediaType: "application/json",
      embedded: false,
      required: true,
      fields: [{ name: "model", wireName: "model", required: true, schema: Model }],
    },
    responseSchema: Model,
    security: [apiKey],
  }),
  route({
    path: "/items/{item_id}/sub/{sub_id}",
    name: "read_nested_item",
    parameters: [
      {
        name: "item_id",
        wireName: "item_id",
        in: "path",
        required: true,
        schema: z.number().int(),
      },
      { name: "sub_id", wireName: "sub_id", in: "path", required: true, schema: z.string() },
      { name: "tier", wireName: "tier", in: "query", required: false, schema: Tier.optional() },
    ],
    security: [oauth2],
  }),
  route({
    path: "/token",
    name: "login",
    methods: ["POST"],
    requestBody: {
      mediaType: "application/x-www-form-urlencoded",
      embedded: true,
      required: true,
      fields: [
        { name: "username", wireName: "username", required: true, schema: z.string() },
        { name: "password", wireName: "password", required: true, schema: z.string() },
      ],
    },
  }),
  route({
    path: "/files",
    name: "upload",
    methods: ["POST"],
    requestBody: {
      mediaType: "multipart/form-data",
      embedded: true,
      required: true,
      fields: [
        { name: "files", wireName: "files", required: true, isFileList: true },
        { name: "note", wireName: "note", required: false, schema: z.string().default("") },
      ],
    },
    security: [bearer],
  }),
  route({
    path: "/priced",
    name: "price_it",
    methods: ["POST"],
    requestBody: {
      mediaType: "application/json",
      embedded: false,
      required: true,
      fields: [{ name: "priced", wireName: "priced", required: true, schema: Priced }],
    },
    responseSchema: Priced,
  }),
  route({ path: "/health", name: "health", deprecated: true }),
  route({
    path: "/items/{item_id}",
    name: "delete_item",
    methods: ["DELETE"],
    status: 204,
    parameters: [
      {
        name: "item_id",
        wireName: "item_id",
        in: "path",
        required: true,
        schema: z.number().int(),
      },
    ],
  }),
  route({
    path: "/files/{p:path}",
    name: "read_file",
    responseMediaType: "text/plain",
    parameters: [{ name: "p", wireName: "p", in: "path", required: true, schema: z.string() }],
  }),
];
