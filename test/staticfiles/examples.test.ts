import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { app, directory } from "../../examples/static/app.js";
import { app as hostsApp } from "../../examples/static/hosts.js";
import { TestClient } from "../../src/index.js";

afterAll(() => rmSync(directory, { recursive: true, force: true }));
const client = new TestClient(app);

describe("static files example", () => {
  it("downloads the usage report as an attachment", async () => {
    const r = await client.get("/reports/usage");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="usage.csv"');
    expect(await r.text()).toContain("small,1200,85\n");
  });

  it("revalidates a download with its etag", async () => {
    const etag = (await client.get("/reports/usage")).headers.get("etag") ?? "";
    const r = await client.get("/reports/usage", { headers: { "if-none-match": etag } });
    expect(r.status).toBe(304);
  });

  it("serves the generated folder under /files, files only", async () => {
    const r = await client.get("/files/summary.json");
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(await r.json()).toEqual({ models: 2 });
    expect((await client.get("/files/")).status).toBe(404);
    expect((await client.post("/files/summary.json")).status).toBe(405);
  });

  it("serves the site's index and 404 pages", async () => {
    expect(await (await client.get("/site/")).text()).toBe("<h1>Inference API</h1>\n");
    const missing = await client.get("/site/nope");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("<h1>No such page</h1>\n");
  });

  it("routes /admin to the admin app, under the parent's middleware", async () => {
    const r = await client.get("/admin/stats", { headers: { "x-admin-token": "secret" } });
    expect(await r.json()).toEqual({ requests: 1510, docs: "/admin/docs" });
    expect(r.headers.get("x-served-by")).toBe("inference-api");
    const denied = await client.get("/admin/stats", { headers: { "x-admin-token": "guess" } });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ error: "admins only" });
    const job = await client.get("/admin/jobs/2");
    expect(await job.json()).toEqual({ detail: "Job not found" });
    expect(app.mounts.map((mount) => mount.path)).toEqual(["/files", "/site", "/app", "/admin"]);
  });

  it("serves the single-page app's shell for client-side routes under /app", async () => {
    const route = await client.get("/app/models/small");
    expect(route.status).toBe(200);
    expect(await route.text()).toBe("<h1>Inference API</h1>\n");
    expect((await client.get("/app/main.js")).status).toBe(404);
  });

  it("picks the app by Host header: the API, a tenant, or the marketing site", async () => {
    const hosts = new TestClient(hostsApp);
    const status = async (host: string) =>
      (await hosts.get("/status", { headers: { host } })).json();
    expect(await status("api.example.com")).toEqual({ service: "api" });
    expect(await status("acme.example.com")).toEqual({ service: "tenant", tenant: "acme" });
    expect(await status("example.org")).toEqual({ service: "marketing" });
    expect(
      await (await hosts.get("/healthz", { headers: { host: "api.example.com" } })).json(),
    ).toEqual({ ok: true });
  });
});
