import { expect, it } from "vitest";
import { App } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";
import { expectRecorded, JSON_CT } from "./recorded.js";

/** Mirrors the §13 root-path recording app: FastAPI(root_path="/api/v1"). */
function createRootedApp(): App {
  const app = new App({ rootPath: "/api/v1" });
  app.get("/whoami", {}, (_args, ctx) => ({ root_path: ctx.rootPath, url: ctx.url }));
  app.get("/slash/", {}, () => ({ slash: true }));
  return app;
}

describeTransports(
  "§13 root_path routes with and without the prefix",
  createRootedApp,
  (client) => {
    it("rooted-request-without-prefix answers 200", async () => {
      const response = await client().request("GET", "/whoami");
      expect(response.status).toBe(200);
      expect((await response.json()).root_path).toBe("/api/v1");
    });

    it("rooted-request-with-prefix answers 200, the URL keeping the prefix once", async () => {
      const response = await client().request("GET", "/api/v1/whoami?x=1");
      const host = client().transport === "TestClient" ? "testserver" : new URL(response.url).host;
      await expectRecorded(response, {
        status: 200,
        contentType: JSON_CT,
        body: JSON.stringify({ root_path: "/api/v1", url: `http://${host}/api/v1/whoami?x=1` }),
      });
    });

    it("serves the document and the docs under the prefix too", async () => {
      for (const path of ["/api/v1/openapi.json", "/api/v1/docs", "/openapi.json", "/docs"]) {
        expect((await client().request("GET", path)).status, path).toBe(200);
      }
    });

    it("answers 405, not 404, for the wrong method on a prefixed path", async () => {
      const response = await client().request("POST", "/api/v1/whoami");
      await expectRecorded(response, {
        status: 405,
        contentType: JSON_CT,
        body: '{"detail":"Method Not Allowed"}',
        headers: { allow: "GET" },
      });
    });

    it("redirects a prefixed path to its other slash form, keeping the prefix", async () => {
      const response = await client().request("GET", "/api/v1/slash");
      expect(response.status).toBe(307);
      expect(response.headers.get("location")).toBe("/api/v1/slash/");
    });

    it("still answers 404 for a prefixed path that names no route", async () => {
      await expectRecorded(await client().request("GET", "/api/v1/nope"), {
        status: 404,
        contentType: JSON_CT,
        body: '{"detail":"Not Found"}',
      });
    });
  },
);
