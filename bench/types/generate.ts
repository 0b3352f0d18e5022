// Writes one 200-route app per framework under test-output/types/<name>/ with its own strict
// tsconfig (skipLibCheck). Every route: a path int, two query params; every even route also a
// 5-field body model and a response model, each route with its own schema objects, and a handler
// that uses the inferred argument types.
import { mkdirSync, writeFileSync } from "node:fs";

export const ROUTES = 200;
export const OUT = new URL("../../test-output/types/", import.meta.url);

export interface TypeApp {
  name: string;
  label: string;
  source: string;
}

const bodyModel = (i: number) =>
  `const Item${i} = z.object({ name: z.string().min(1), price: z.number().gt(0), ` +
  `tags: z.array(z.string()), in_stock: z.boolean(), sku: z.string().regex(/^[A-Z]{3}-\\d{4}$/) });\n` +
  `const Out${i} = z.object({ id: z.number().int(), name: z.string(), price: z.number(), ` +
  `tags: z.array(z.string()), in_stock: z.boolean() });\n`;

const hasBody = (i: number) => i % 2 === 0;
const each = (fn: (i: number) => string) =>
  Array.from({ length: ROUTES }, (_, i) => fn(i)).join("");

/** A plain Zod program with the same schemas and z.infer uses: what every framework pays. */
function floorApp(): string {
  return `import { z } from "zod";\n\n${each((i) => {
    const common =
      `const P${i} = z.object({ id: z.coerce.number().int() });\n` +
      `const Q${i} = z.object({ q: z.string().optional(), limit: z.coerce.number().int().default(10) });\n`;
    if (!hasBody(i))
      return `${common}export function h${i}(p: z.infer<typeof P${i}>, q: z.infer<typeof Q${i}>) {\n  return { id: p.id, q: q.q ?? null, limit: q.limit };\n}\n`;
    return `${common}${bodyModel(i)}export function h${i}(p: z.infer<typeof P${i}>, q: z.infer<typeof Q${i}>, item: z.infer<typeof Item${i}>): z.infer<typeof Out${i}> {\n  return { id: p.id, name: item.name, price: item.price * q.limit, tags: item.tags, in_stock: item.in_stock };\n}\n`;
  })}`;
}

function tailorApp(from: string): string {
  return `import { z } from "zod";\nimport { App, Body, Path, Query } from "${from}";\n\nexport const app = new App();\n\n${each(
    (i) => {
      const params = `id: Path(z.number().int()), q: Query(z.string().optional()), limit: Query(z.number().int().default(10))`;
      if (!hasBody(i))
        return `app.get("/r${i}/items/{id}", { params: { ${params} } }, ({ id, q, limit }) => ({ id, q: q ?? null, limit }));\n`;
      return `${bodyModel(i)}app.post("/r${i}/items/{id}", { params: { ${params}, item: Body(Item${i}) }, response: Out${i} }, ({ id, limit, item }) => ({ id, name: item.name, price: item.price * limit, tags: item.tags, in_stock: item.in_stock }));\n`;
    },
  )}`;
}

/**
 * The same routes declared in chains of 20 on routers included into the app (so `typeof app`
 * carries every route), and one typed client call per route.
 */
function tailorClientApp(from: string): string {
  const params = `id: Path(z.number().int()), q: Query(z.string().optional()), limit: Query(z.number().int().default(10))`;
  const route = (i: number) =>
    hasBody(i)
      ? `  .post("/r${i}/items/{id}", { params: { ${params}, item: Body(Item${i}) }, response: Out${i} }, ({ id, limit, item }) => ({ id, name: item.name, price: item.price * limit, tags: item.tags, in_stock: item.in_stock }))`
      : `  .get("/r${i}/items/{id}", { params: { ${params} } }, ({ id, q, limit }) => ({ id, q: q ?? null, limit }))`;
  const chunks: string[] = [];
  for (let start = 0; start < ROUTES; start += 20) {
    const ids = Array.from({ length: 20 }, (_, k) => start + k);
    chunks.push(`const part${start / 20} = new APIRouter()\n${ids.map(route).join("\n")};\n`);
  }
  const include = chunks.map((_, k) => `.includeRouter(part${k})`).join("");
  const calls = each((i) =>
    hasBody(i)
      ? `  const r${i} = await client.POST("/r${i}/items/{id}", { params: { path: { id: 1 }, query: { limit: 2 } }, body: { name: "a", price: 1, tags: [], in_stock: true, sku: "ABC-1234" } });\n  if (r${i}.data) total += r${i}.data.price;\n`
      : `  const r${i} = await client.GET("/r${i}/items/{id}", { params: { path: { id: 1 } } });\n  if (r${i}.data) total += r${i}.data.limit;\n`,
  );
  return `import { z } from "zod";\nimport { APIRouter, App, Body, Path, Query } from "${from}/index.js";\nimport { createClient } from "${from}/client/index.js";\n\n${each((i) => (hasBody(i) ? bodyModel(i) : ""))}\n${chunks.join("")}\nexport const app = new App()${include};\n\nexport async function useClient(): Promise<number> {\n  const client = createClient<typeof app>({ baseUrl: "http://localhost" });\n  let total = 0;\n${calls}  return total;\n}\n`;
}

function expressApp(): string {
  return `import express from "express";\nimport { z } from "zod";\n\nexport const app = express();\napp.use(express.json());\n\n${each(
    (i) => {
      const common =
        `const P${i} = z.object({ id: z.coerce.number().int() });\n` +
        `const Q${i} = z.object({ q: z.string().optional(), limit: z.coerce.number().int().default(10) });\n`;
      if (!hasBody(i))
        return `${common}app.get("/r${i}/items/:id", (req, res) => {\n  const { id } = P${i}.parse(req.params);\n  const { q, limit } = Q${i}.parse(req.query);\n  res.json({ id, q: q ?? null, limit });\n});\n`;
      return `${common}${bodyModel(i)}app.post("/r${i}/items/:id", (req, res) => {\n  const { id } = P${i}.parse(req.params);\n  const { limit } = Q${i}.parse(req.query);\n  const item = Item${i}.parse(req.body);\n  const out: z.infer<typeof Out${i}> = { id, name: item.name, price: item.price * limit, tags: item.tags, in_stock: item.in_stock };\n  res.json(Out${i}.parse(out));\n});\n`;
    },
  )}`;
}

function fastifyApp(): string {
  return `import Fastify from "fastify";\nimport { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";\nimport { z } from "zod";\n\nexport const app = Fastify().withTypeProvider<ZodTypeProvider>();\napp.setValidatorCompiler(validatorCompiler);\napp.setSerializerCompiler(serializerCompiler);\n\n${each(
    (i) => {
      const common =
        `const P${i} = z.object({ id: z.coerce.number().int() });\n` +
        `const Q${i} = z.object({ q: z.string().optional(), limit: z.coerce.number().int().default(10) });\n`;
      if (!hasBody(i))
        return `${common}app.get("/r${i}/items/:id", { schema: { params: P${i}, querystring: Q${i} } }, async (req) => ({ id: req.params.id, q: req.query.q ?? null, limit: req.query.limit }));\n`;
      return `${common}${bodyModel(i)}app.post("/r${i}/items/:id", { schema: { params: P${i}, querystring: Q${i}, body: Item${i}, response: { 200: Out${i} } } }, async (req) => ({ id: req.params.id, name: req.body.name, price: req.body.price * req.query.limit, tags: req.body.tags, in_stock: req.body.in_stock }));\n`;
    },
  )}`;
}

function honoRoute(i: number): string {
  const common =
    `const P${i} = z.object({ id: z.coerce.number().int() });\n` +
    `const Q${i} = z.object({ q: z.string().optional(), limit: z.coerce.number().int().default(10) });\n`;
  if (!hasBody(i))
    return `${common}const route${i} = createRoute({ method: "get", path: "/r${i}/items/{id}", request: { params: P${i}, query: Q${i} }, responses: { 200: { description: "ok" } } });\n`;
  return `${common}${bodyModel(i)}const route${i} = createRoute({ method: "post", path: "/r${i}/items/{id}", request: { params: P${i}, query: Q${i}, body: { content: { "application/json": { schema: Item${i} } }, required: true } }, responses: { 200: { description: "ok", content: { "application/json": { schema: Out${i} } } } } });\n`;
}

function honoHandler(i: number): string {
  if (!hasBody(i))
    return `(c) => { const { id } = c.req.valid("param"); const { q, limit } = c.req.valid("query"); return c.json({ id, q: q ?? null, limit }, 200); }`;
  return `(c) => { const { id } = c.req.valid("param"); const { limit } = c.req.valid("query"); const item = c.req.valid("json"); return c.json({ id, name: item.name, price: item.price * limit, tags: item.tags, in_stock: item.in_stock }, 200); }`;
}

function honoApp(): string {
  return `import { createRoute, OpenAPIHono } from "@hono/zod-openapi";\nimport { z } from "zod";\n\nexport const app = new OpenAPIHono();\n\n${each(
    (i) => `${honoRoute(i)}app.openapi(route${i}, ${honoHandler(i)});\n`,
  )}`;
}

/** Routes chained in sub-apps of 20 so the app type carries every route for `hc`. */
function honoClientApp(): string {
  const chunks: string[] = [];
  for (let start = 0; start < ROUTES; start += 20) {
    const ids = Array.from({ length: 20 }, (_, k) => start + k);
    chunks.push(
      `const part${start / 20} = new OpenAPIHono()\n${ids.map((i) => `  .openapi(route${i}, ${honoHandler(i)})`).join("\n")};\n`,
    );
  }
  const mount = chunks.map((_, k) => `.route("/", part${k})`).join("");
  const calls = each((i) =>
    hasBody(i)
      ? `  const r${i} = await client.r${i}.items[":id"].$post({ param: { id: "1" }, query: { limit: "2" }, json: { name: "a", price: 1, tags: [], in_stock: true, sku: "ABC-1234" } });\n  if (r${i}.ok) total += (await r${i}.json()).price;\n`
      : `  const r${i} = await client.r${i}.items[":id"].$get({ param: { id: "1" }, query: {} });\n  if (r${i}.ok) total += 1;\n`,
  );
  return `import { createRoute, OpenAPIHono } from "@hono/zod-openapi";\nimport { hc } from "hono/client";\nimport { z } from "zod";\n\n${each(honoRoute)}\n${chunks.join("")}\nexport const app = new OpenAPIHono()${mount};\n\nexport async function useClient(): Promise<number> {\n  const client = hc<typeof app>("http://localhost");\n  let total = 0;\n${calls}  return total;\n}\n`;
}

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2023", "DOM", "DOM.Iterable"],
    types: ["node"],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
  },
  files: ["app.ts"],
};

/** The apps to check; `tailor` imports Tailor's emitted declarations, `tailor-src` its sources. */
export function typeApps(): TypeApp[] {
  return [
    { name: "floor", label: "FLOOR (Zod schemas + z.infer only)", source: floorApp() },
    { name: "express", label: "Express 5 + schema.parse", source: expressApp() },
    { name: "tailor", label: "Tailor (from .d.ts)", source: tailorApp("../tailor-dist/index.js") },
    {
      name: "tailor-src",
      label: "Tailor (from src/*.ts)",
      source: tailorApp("../../../src/index.js"),
    },
    {
      name: "tailor-client",
      label: "Tailor (from .d.ts), chained + createClient",
      source: tailorClientApp("../tailor-dist"),
    },
    { name: "fastify", label: "Fastify + type-provider-zod", source: fastifyApp() },
    { name: "hono", label: "Hono + @hono/zod-openapi", source: honoApp() },
    { name: "hono-hc", label: "Hono + zod-openapi, chained + hc client", source: honoClientApp() },
  ];
}

/** Writes every app and its tsconfig; returns them. */
export function writeTypeApps(): TypeApp[] {
  const apps = typeApps();
  for (const app of apps) {
    const dir = new URL(`${app.name}/`, OUT);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL("app.ts", dir), app.source);
    writeFileSync(new URL("tsconfig.json", dir), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  }
  return apps;
}
