import {
  App,
  Body,
  Dependency,
  Depends,
  dependency,
  Header,
  HTMLResponse,
  HTTPException,
  Path,
  Query,
} from "tailor";
import { z } from "zod";

/** A shop API whose document, /docs and /redoc pages are tested in test/openapi-app. */
export const Item = z
  .object({
    name: z.string().min(1),
    price: z.number().gt(0),
    tags: z.array(z.string()).default([]),
  })
  .meta({ id: "Item", description: "An item for sale." });

export const StoredItem = z
  .object({ id: z.number().int(), name: z.string(), price: z.number(), tags: z.array(z.string()) })
  .meta({ id: "StoredItem" });

/** a header every item route reads through a dependency */
const clientVersion = dependency(
  { x_client_version: Header(z.string().optional()) },
  ({ x_client_version }) => x_client_version ?? "unknown",
);

/** an API key checked by a dependency that documents itself as a security scheme */
export const apiKey = new Dependency(
  { key: Header(z.string().optional(), { alias: "x-api-key", includeInSchema: false }) },
  ({ key }: { key: string | undefined }) => {
    if (key !== "secret") throw new HTTPException(401, "Not authenticated");
    return key;
  },
  {
    name: "api_key",
    securityScheme: {
      schemeName: "APIKeyHeader",
      scheme: { type: "apiKey", in: "header", name: "X-API-Key" },
    },
  },
);

export const app = new App({
  title: "Shop API",
  version: "1.0.0",
  description: "Items for sale.",
  openapiTags: [{ name: "items", description: "Things for sale" }],
});

const items = new Map<number, z.infer<typeof StoredItem>>([
  [1, { id: 1, name: "Lamp", price: 25, tags: ["home"] }],
]);

app.get(
  "/items/{item_id}",
  {
    name: "read_item",
    params: {
      item_id: Path(z.number().int().min(1), { description: "The item's number" }),
      q: Query(z.string().max(50).optional()),
      limit: Query(z.number().int().min(1).max(100).default(10)),
      client: Depends(clientVersion),
    },
    response: StoredItem,
    tags: ["items"],
    responses: { 404: { description: "No such item" } },
  },
  ({ item_id }) => {
    const item = items.get(item_id);
    if (item === undefined) throw new HTTPException(404, "Item not found");
    return item;
  },
);

app.post(
  "/items",
  {
    name: "create_item",
    params: { item: Body(Item), client: Depends(clientVersion) },
    response: StoredItem,
    status: 201,
    tags: ["items"],
  },
  ({ item }) => {
    const stored = { id: items.size + 1, ...item };
    items.set(stored.id, stored);
    return stored;
  },
);

app.delete(
  "/items/{item_id}",
  {
    name: "delete_item",
    params: { item_id: Path(z.number().int()) },
    status: 204,
    response: null,
    tags: ["items"],
  },
  ({ item_id }) => {
    items.delete(item_id);
  },
);

app.post(
  "/echo",
  {
    name: "echo",
    params: { message: Body(z.string()), times: Body(z.number().int().min(1).default(1)) },
    summary: "Repeat a message",
  },
  ({ message, times }) => ({ echoed: message.repeat(times) }),
);

app.get(
  "/me",
  { name: "read_me", params: { key: Depends(apiKey) }, tags: ["auth"] },
  ({ key }) => ({
    key,
  }),
);

app.get(
  "/hello/{name}",
  { name: "hello", responseClass: HTMLResponse, deprecated: true },
  ({ name }) => `<h1>Hello ${name.replace(/[<&>"]/g, "")}</h1>`,
);

app.get("/internal/health", { name: "health", includeInSchema: false }, () => ({ ok: true }));

export default app;
