import { z } from "zod";
import { APIRouter, App, Depends, dependency, Header, HTTPException } from "../../src/index.js";

// #region routers
// routers/items.ts — a group of routes with a shared prefix, tags and documented responses
const verifyToken = dependency(
  { x_token: Header(z.string(), { description: "Team token" }) },
  function verifyToken({ x_token }) {
    if (x_token !== "fake-super-secret-token")
      throw new HTTPException(400, "X-Token header invalid");
  },
);

export const items = new APIRouter({
  prefix: "/items",
  tags: ["items"],
  dependencies: [Depends(verifyToken)],
  responses: { 404: { description: "Not found" } },
});

const fakeItems: Record<string, { name: string }> = { plumbus: { name: "Plumbus" } };

items.get("/", {}, function readItems() {
  return fakeItems;
});

items.get("/{item_id}", {}, function readItem({ item_id }) {
  const item = fakeItems[item_id];
  if (item === undefined) throw new HTTPException(404, "Item not found");
  return { name: item.name, item_id };
});

// one route, several methods
items.apiRoute("/{item_id}/touch", { methods: ["PUT", "PATCH"] }, function touchItem({ item_id }) {
  return { item_id, touched: true };
});

// main.ts — the app includes the router, adding a version prefix and a tag
export const app = new App({ title: "Bigger application" });
app.includeRouter(items, { prefix: "/v1", tags: ["v1"] });
app.get("/", {}, function root() {
  return { message: "Hello Bigger Applications!" };
});
// #endregion routers

// #region url-path
// request.url_for("readItem", item_id="plumbus"): an absolute link to a route by its name
app.get("/links", {}, function links(_args, ctx) {
  return {
    plumbus: ctx.urlFor("readItem", { item_id: "plumbus" }),
    path: app.urlPathFor("readItem", { item_id: "plumbus" }), // url_path_for: the path alone
  };
});
// #endregion url-path
