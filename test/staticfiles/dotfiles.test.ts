import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { App, StaticFiles, TestClient } from "../../src/index.js";
import { makeTree } from "./fixtures.js";

const tree = makeTree();
afterAll(() => tree.cleanup());
writeFileSync(join(tree.dir, ".env"), "SECRET=1\n");
mkdirSync(join(tree.dir, ".git"));
writeFileSync(join(tree.dir, ".git", "config"), "[core]\n");
mkdirSync(join(tree.dir, ".well-known"));
writeFileSync(join(tree.dir, ".well-known", "security.txt"), "Contact: x\n");

const app = new App();
app.mount("/static", new StaticFiles({ directory: tree.dir }));
app.mount("/open", new StaticFiles({ directory: tree.dir, dotfiles: true }));
app.mount("/site", new StaticFiles({ directory: tree.dir, html: true }));
const client = new TestClient(app);

describe("StaticFiles and dotfiles", () => {
  it.each([
    "/static/.env",
    "/static/.git/config",
    "/static/%2Eenv",
    "/static/.well-known/security.txt",
  ])("answers 404 to %s by default, though the file exists", async (path) => {
    const response = await client.get(path);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: "Not Found" });
  });

  it("in html mode a dotfile gets the 404 page, never the file", async () => {
    const response = await client.get("/site/.env");
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("SECRET");
  });

  it("serves dotfiles when dotfiles is on", async () => {
    expect(await (await client.get("/open/.env")).text()).toBe("SECRET=1\n");
    expect(await (await client.get("/open/.well-known/security.txt")).text()).toBe("Contact: x\n");
  });

  it("still serves ordinary files and names that merely contain a dot", async () => {
    expect((await client.get("/static/hello.txt")).status).toBe(200);
    expect((await client.get("/static/sub/page.txt")).status).toBe(200);
  });
});

describe("StaticFiles directory redirects", () => {
  it("answer with a path, not the request's Host", async () => {
    const response = await client.get("/site/docs", { headers: { host: "evil.example" } });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/site/docs/");
  });

  it("answer with an absolute URL for a trusted host", async () => {
    const trusted = new App();
    trusted.mount(
      "/site",
      new StaticFiles({ directory: tree.dir, html: true, trustedRedirectHosts: ["docs.example"] }),
    );
    const response = await new TestClient(trusted).get("/site/docs?x=1", {
      headers: { host: "docs.example" },
    });
    expect(response.headers.get("location")).toBe("http://docs.example/site/docs/?x=1");
  });
});
