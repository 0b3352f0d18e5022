import { expect, it } from "vitest";
import { z } from "zod";
import { APIRouter, App, NoMatchFound, TestClient } from "../../src/index.js";

function createApp(): App {
  const app = new App({ rootPath: "/api" });
  app.get(
    "/items/{item_id}",
    { params: { item_id: z.number().int() } },
    function readItem({ item_id }) {
      return { item_id };
    },
  );
  app.get("/files/{file_path:path}", {}, function readFile() {
    return {};
  });
  app.get("/users/{user_id}/items/{item_id}", { name: "user_item" }, () => ({}));
  app.get("/users/{user_id}", { name: "user_item" }, () => ({}));
  const router = new APIRouter({ prefix: "/v1" });
  router.get("/health", {}, function health() {
    return { ok: true };
  });
  app.includeRouter(router);
  // a handler builds a link to another route
  app.get("/links", {}, (_args, ctx) => ({
    item: `${ctx.rootPath}${app.urlPathFor("readItem", { item_id: 3 })}`,
  }));
  return app;
}

it("fills the named route's path params, encoding each value", () => {
  const app = createApp();
  expect(app.urlPathFor("readItem", { item_id: 3 })).toBe("/items/3");
  expect(app.urlPathFor("readItem", { item_id: "a b/c" })).toBe("/items/a%20b%2Fc");
  expect(app.urlPathFor("readFile", { file_path: "docs/a b.txt" })).toBe("/files/docs/a%20b.txt");
  expect(app.urlPathFor("health")).toBe("/v1/health");
});

it("picks the route with this name whose params are exactly the ones given", () => {
  const app = createApp();
  expect(app.urlPathFor("user_item", { user_id: 1 })).toBe("/users/1");
  expect(app.urlPathFor("user_item", { item_id: 2, user_id: 1 })).toBe("/users/1/items/2");
});

it("throws Starlette's NoMatchFound for an unknown name or other params", () => {
  const app = createApp();
  expect(() => app.urlPathFor("nope")).toThrow(NoMatchFound);
  expect(() => app.urlPathFor("readItem", { id: 3 })).toThrow(
    'No route exists for name "readItem" and params "id".',
  );
});

it("leaves the root path to the caller, as url_path_for does", async () => {
  const r = await new TestClient(createApp()).get("/links");
  expect(await r.json()).toEqual({ item: "/api/items/3" });
});
