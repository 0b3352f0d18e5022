import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { App, ConfigError, StaticFiles, TestClient } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";
import { expectRecorded, JSON_CT } from "../parity/recorded.js";
import { handleRaw, makeTree, RECORDED_LAST_MODIFIED, withRecordedMiddleware } from "./fixtures.js";

const tree = makeTree();
afterAll(() => tree.cleanup());

const app = withRecordedMiddleware(new App());
app.mount("/static", new StaticFiles({ directory: tree.dir }));
app.mount("/site", new StaticFiles({ directory: tree.dir, html: true }));
app.mount("/follow", new StaticFiles({ directory: tree.dir, followSymlinks: true }));
const client = new TestClient(app);
const RECORDED = { "x-first": "1", "x-second": "1" };

describe("StaticFiles recorded cases", () => {
  it("answers HEAD with the file's headers (static-file-head)", async () => {
    const r = await client.head("/static/hello.txt");
    await expectRecorded(r, {
      status: 200,
      contentType: "text/plain; charset=utf-8",
      body: "",
      headers: {
        ...RECORDED,
        "accept-ranges": "bytes",
        "last-modified": RECORDED_LAST_MODIFIED,
        "content-length": "13",
      },
    });
    expect(r.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it("answers a missing file with the JSON 404 (static-missing)", async () => {
    await expectRecorded(await client.get("/static/none.txt"), {
      status: 404,
      contentType: JSON_CT,
      body: '{"detail":"Not Found"}',
      headers: RECORDED,
    });
  });

  it("answers POST with a JSON 405 and no Allow header (static-post-405)", async () => {
    await expectRecorded(await client.post("/static/hello.txt"), {
      status: 405,
      contentType: JSON_CT,
      body: '{"detail":"Method Not Allowed"}',
      headers: RECORDED,
      absent: ["allow"],
    });
  });
});

describe("StaticFiles", () => {
  it("serves files and nested files with etag and last-modified", async () => {
    const r = await client.get("/static/hello.txt");
    expect(r.status).toBe(200);
    expect(await r.text()).toBe("hello static\n");
    expect(r.headers.get("last-modified")).toBe(RECORDED_LAST_MODIFIED);
    expect(r.headers.has("content-disposition")).toBe(false);
    expect(await (await client.get("/static/sub/page.txt")).text()).toBe("sub page\n");
  });

  it("answers 304 to a revalidation and 206 to a range", async () => {
    const first = await client.get("/static/hello.txt");
    const etag = first.headers.get("etag") ?? "";
    const again = await client.get("/static/hello.txt", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("x-first")).toBe("1");
    const part = await client.get("/static/hello.txt", { headers: { range: "bytes=6-11" } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe("static");
  });

  it("answers a directory with 404 unless html mode is on", async () => {
    expect((await client.get("/static/docs/")).status).toBe(404);
    expect((await client.get("/static/")).status).toBe(404);
  });

  it("serves index.html for directories in html mode", async () => {
    const r = await client.get("/site/docs/");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await r.text()).toBe("<h1>docs</h1>\n");
  });

  it("redirects a directory URL without its slash in html mode", async () => {
    const r = await client.get("/site/docs?x=1");
    expect(r.status).toBe(307);
    expect(r.headers.get("location")).toBe("/site/docs/?x=1");
  });

  it("serves 404.html with status 404 for misses in html mode", async () => {
    const r = await client.get("/site/nothing/here");
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await r.text()).toBe("<h1>not here</h1>\n");
  });

  it("redirects the bare mount path to its slash", async () => {
    const r = await client.get("/static");
    expect(r.status).toBe(307);
    expect(r.headers.get("location")).toBe("/static/");
  });

  it("fails at construction when the directory is missing", () => {
    expect(() => new StaticFiles({ directory: join(tree.base, "absent") })).toThrow(ConfigError);
    expect(() => new StaticFiles({ directory: join(tree.base, "absent") })).toThrow(
      expect.objectContaining({ code: "E_STATIC_DIRECTORY" }),
    );
    expect(() => new StaticFiles({ directory: join(tree.dir, "hello.txt") })).toThrow(
      /not a directory/,
    );
  });

  it("answers 404 for a missing directory when checkDir is off, and serves it once it exists", async () => {
    const lazy = new App();
    lazy.mount("/late", new StaticFiles({ directory: join(tree.base, "late"), checkDir: false }));
    const lazyClient = new TestClient(lazy);
    expect((await lazyClient.get("/late/a.txt")).status).toBe(404);
    const { mkdirSync, writeFileSync } = await import("node:fs");
    mkdirSync(join(tree.base, "late"));
    writeFileSync(join(tree.base, "late", "a.txt"), "late\n");
    expect(await (await lazyClient.get("/late/a.txt")).text()).toBe("late\n");
  });
});

describe("StaticFiles keeps requests inside the directory", () => {
  const attempts = [
    "/static/../outside/secret.txt",
    "/static/sub/../../outside/secret.txt",
    "/static/%2e%2e/outside/secret.txt",
    "/static/%2E%2E/outside/secret.txt",
    "/static/.%2e/outside/secret.txt",
    "/static/sub/..%2f..%2foutside%2fsecret.txt",
    "/static/..%2foutside%2fsecret.txt",
    "/static/..%5coutside%5csecret.txt",
    "/static/..\\outside\\secret.txt",
    "/static/sub%2f..%2fhello.txt",
    "/static/./hello.txt",
    "/static//etc/passwd",
    `/static/${encodeURIComponent(tree.secret)}`,
    "/static/hello.txt%00.png",
    "/static/%00",
    "/static/%E0%A4%A",
    "/static/link-out",
  ];

  for (const target of attempts) {
    it(`answers 404 to ${target}`, async () => {
      const r = await handleRaw(app, "GET", target);
      expect(r.status).toBe(404);
      expect(r.text).toBe('{"detail":"Not Found"}');
    });
  }

  it("serves a symlink that stays inside the directory", async () => {
    const r = await handleRaw(app, "GET", "/static/link-in");
    expect(r.status).toBe(200);
    expect(r.text).toBe("hello static\n");
  });

  it("follows a symlink out of the directory only when followSymlinks is on", async () => {
    const r = await handleRaw(app, "GET", "/follow/link-out");
    expect(r.status).toBe(200);
    expect(r.text).toBe("top secret\n");
    expect((await handleRaw(app, "GET", "/follow/%2e%2e/outside/secret.txt")).status).toBe(404);
  });
});

function createSpaApp(): App {
  const spa = new App();
  spa.get("/api/health", {}, () => ({ ok: true }));
  spa.mount("/", new StaticFiles({ directory: tree.dir, html: true, fallback: "docs/index.html" }));
  return spa;
}

describeTransports("StaticFiles fallback (a single-page app)", createSpaApp, (client) => {
  it("serves the shell with 200 for a client-side route that matches no file", async () => {
    for (const path of ["/settings/profile", "/settings/", "/orders/42"]) {
      const response = await client().request("GET", path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await response.text()).toBe("<h1>docs</h1>\n");
    }
  });

  it("still serves real files and the routes declared before the mount", async () => {
    expect(await (await client().request("GET", "/hello.txt")).text()).toBe("hello static\n");
    expect(await (await client().request("GET", "/api/health")).json()).toEqual({ ok: true });
    expect(await (await client().request("GET", "/sub/page.txt")).text()).toBe("sub page\n");
    expect(await (await client().request("GET", "/docs/")).text()).toBe("<h1>docs</h1>\n");
  });

  it("answers a missing file with an extension 404, not the shell", async () => {
    const response = await client().request("GET", "/assets/app.js");
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("<h1>not here</h1>\n");
  });

  it("keeps dotfiles and other methods out of the fallback", async () => {
    expect((await client().request("GET", "/.env")).status).toBe(404);
    expect((await client().request("POST", "/settings")).status).toBe(405);
  });
});

describe("StaticFiles fallback options", () => {
  it("refuses a fallback outside the folder, or missing from it", () => {
    for (const fallback of ["../outside/secret.txt", "/etc/passwd", ""])
      expect(() => new StaticFiles({ directory: tree.dir, fallback })).toThrow(
        /\[E_STATIC_DIRECTORY\] StaticFiles: fallback ".*" must be a file path inside the directory/,
      );
    expect(() => new StaticFiles({ directory: tree.dir, fallback: "app.html" })).toThrow(
      `[E_STATIC_DIRECTORY] StaticFiles: fallback "app.html" is not a file in "${tree.dir}"`,
    );
  });
});
