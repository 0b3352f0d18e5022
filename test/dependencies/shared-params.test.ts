import { expect, it } from "vitest";
import { z } from "zod";
import { App, ConfigError, Depends, dependency } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

function sharedQueryApp(): App {
  // two dependencies written apart, each declaring `limit: int` (FastAPI accepts this)
  const paging = dependency({ limit: z.number().int().min(1) }, ({ limit }) => ({ limit }));
  const audit = dependency({ limit: z.number().int().min(1) }, ({ limit }) => `asked ${limit}`);
  const app = new App();
  app.get("/items", { params: { page: Depends(paging), note: Depends(audit) } }, (args) => args);
  return app;
}

describeTransports(
  "two dependencies declaring the same query param alike",
  sharedQueryApp,
  (client) => {
    it("both get its value", async () => {
      const r = await client().request("GET", "/items?limit=5");
      expect(await r.json()).toEqual({ page: { limit: 5 }, note: "asked 5" });
    });

    it("a bad value is reported by each dependency (FastAPI validates each dependant's params), and the document lists the param once", async () => {
      const bad = await client().request("GET", "/items?limit=0");
      expect(bad.status).toBe(422);
      expect((await bad.json()).detail.map((e: { loc: unknown }) => e.loc)).toEqual([
        ["query", "limit"],
        ["query", "limit"],
      ]);
      const doc = await (await client().request("GET", "/openapi.json")).json();
      expect(doc.paths["/items"].get.parameters.map((p: { name: string }) => p.name)).toEqual([
        "limit",
      ]);
    });
  },
);

it("different schemas under one name are still refused", () => {
  const a = dependency({ limit: z.number().int() }, () => 1);
  const b = dependency({ limit: z.string() }, () => 2);
  const app = new App();
  expect(() => app.get("/x", { params: { a: Depends(a), b: Depends(b) } }, () => ({}))).toThrow(
    ConfigError,
  );
});
