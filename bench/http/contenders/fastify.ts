// Fastify 5: JSON-schema routes (Ajv validation), response schemas (fast-json-stringify), hooks.
import { Readable } from "node:stream";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const API_KEY = "secret";

const item = {
  type: "object",
  required: ["name", "price", "tags", "dimensions", "in_stock", "sku"],
  properties: {
    name: { type: "string", minLength: 1 },
    price: { type: "number", exclusiveMinimum: 0 },
    tags: { type: "array", items: { type: "string" } },
    dimensions: {
      type: "object",
      required: ["width", "height"],
      properties: { width: { type: "number" }, height: { type: "number" } },
    },
    in_stock: { type: "boolean" },
    sku: { type: "string", pattern: "^[A-Z]{3}-\\d{4}$" },
  },
} as const;

const app = Fastify({ logger: false });

// FastAPI answers validation failures with 422 and {"detail": [...]}; Fastify's default is 400.
app.setErrorHandler((error: any, _request, reply) => {
  if (error.validation) return reply.code(422).send({ detail: error.validation });
  return reply.code(error.statusCode ?? 500).send({ detail: error.message });
});

app.get(
  "/hello",
  {
    schema: {
      response: {
        200: { type: "object", properties: { message: { type: "string" } } },
      },
    },
  },
  async () => ({ message: "hello" }),
);

app.get<{ Params: { item_id: number }; Querystring: { q?: string; limit: number } }>(
  "/items/:item_id",
  {
    schema: {
      params: {
        type: "object",
        required: ["item_id"],
        properties: { item_id: { type: "integer" } },
      },
      querystring: {
        type: "object",
        properties: {
          q: { type: "string", maxLength: 50 },
          limit: { type: "integer", minimum: 1, maximum: 100, default: 10 },
        },
      },
      response: {
        200: {
          type: "object",
          properties: {
            item_id: { type: "integer" },
            q: { type: ["string", "null"] },
            limit: { type: "integer" },
          },
        },
      },
    },
  },
  async (request) => ({
    item_id: request.params.item_id,
    q: request.query.q ?? null,
    limit: request.query.limit,
  }),
);

app.post<{ Body: Record<string, unknown> }>(
  "/items",
  { schema: { body: item, response: { 201: item } } },
  async (request, reply) => {
    reply.code(201);
    return { ...request.body, internal_cost: 1 };
  },
);

declare module "fastify" {
  interface FastifyRequest {
    user?: { name: string; key: string };
  }
}

async function checkApiKey(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.headers["x-api-key"] !== API_KEY) {
    return reply.code(401).send({ detail: "Invalid API key" });
  }
}

async function loadUser(request: FastifyRequest): Promise<void> {
  request.user = { name: "alice", key: request.headers["x-api-key"] as string };
}

app.get(
  "/secure",
  {
    preHandler: [checkApiKey, loadUser],
    schema: {
      response: { 200: { type: "object", properties: { user: { type: "string" } } } },
    },
  },
  async (request) => ({ user: request.user!.name }),
);

app.get("/slow", async () => {
  await new Promise((r) => setTimeout(r, 100));
  return { ok: true };
});

async function* events(): AsyncGenerator<string> {
  for (let i = 0; i < 50; i++) yield `data: ${JSON.stringify({ i })}\n\n`;
}

app.get("/sse", async (_request, reply) => {
  reply
    .header("content-type", "text/event-stream; charset=utf-8")
    .header("cache-control", "no-cache")
    .header("x-accel-buffering", "no");
  return reply.send(Readable.from(events()));
});

await app.listen({ host: "127.0.0.1", port });
