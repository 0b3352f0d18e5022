import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { App, NoMatchFound, Path, type RunningServer, serve, TestClient } from "../../src/index.js";

function createLinkApp(): App {
  const app = new App({ rootPath: "/proxy" });
  app.get(
    "/items/{item_id}",
    { params: { item_id: Path(z.number().int()) } },
    function read_item({ item_id }) {
      return { item_id };
    },
  );
  app.get("/files/{file_path:path}", {}, function read_file() {
    return null;
  });
  app.get("/links", { name: "links" }, (_args, ctx) => ({
    item: ctx.urlFor("read_item", { item_id: 3 }),
    file: ctx.urlFor("read_file", { file_path: "a b/c.txt" }),
    path: ctx.request.urlFor("links"),
  }));
  const sub = new App();
  sub.get("/users/{id}", {}, function read_user() {
    return null;
  });
  sub.get("/me", {}, (_args, ctx) => ({ me: ctx.urlFor("read_user", { id: "7" }) }));
  app.mount("/admin", sub);
  return app;
}

describe("ctx.urlFor [TestClient]", () => {
  const client = new TestClient(createLinkApp());

  it("builds an absolute URL from the request's scheme and host, the rootPath and the route", async () => {
    const response = await client.get("/links");
    expect(await response.json()).toEqual({
      item: "http://testserver/proxy/items/3",
      file: "http://testserver/proxy/files/a%20b/c.txt",
      path: "http://testserver/proxy/links",
    });
  });

  it("names routes of the mounted app handling the request, under the mount's prefix", async () => {
    const response = await client.get("/admin/me", { headers: { host: "api.example.com:8443" } });
    expect(await response.json()).toEqual({
      me: "http://api.example.com:8443/proxy/admin/users/7",
    });
  });

  it("throws NoMatchFound for an unknown name or params that do not fit", async () => {
    const app = new App();
    const errors: unknown[] = [];
    app.get("/x", {}, (_args, ctx) => {
      for (const call of [() => ctx.urlFor("missing"), () => ctx.urlFor("x_route", { id: 1 })])
        try {
          call();
        } catch (error) {
          errors.push(error);
        }
      return errors.length;
    });
    app.get("/y", { name: "x_route" }, () => null);
    expect(await (await new TestClient(app).get("/x")).json()).toBe(2);
    expect(errors.every((error) => error instanceof NoMatchFound)).toBe(true);
  });
});

describe("ctx.urlFor [node:http]", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(createLinkApp(), { port: 0, host: "127.0.0.1", keepAliveTimeout: 0.2 });
  });
  afterAll(() => server.close());

  it("uses the Host header the client sent", async () => {
    const response = await fetch(`${server.url}/links`);
    const host = new URL(server.url).host;
    expect(await response.json()).toMatchObject({ item: `http://${host}/proxy/items/3` });
  });

  it("uses the scheme a trusted proxy forwards (X-Forwarded-Proto from loopback)", async () => {
    const response = await fetch(`${server.url}/admin/me`, {
      headers: { "x-forwarded-proto": "https" },
    });
    const host = new URL(server.url).host;
    expect(await response.json()).toEqual({ me: `https://${host}/proxy/admin/users/7` });
  });
});

describe("ctx.urlFor from an untrusted peer", () => {
  it("ignores X-Forwarded-Proto when the peer is not a trusted proxy", async () => {
    const server = await serve(createLinkApp(), {
      port: 0,
      host: "127.0.0.1",
      keepAliveTimeout: 0.2,
      forwardedAllowIps: "10.0.0.1",
    });
    try {
      const response = await fetch(`${server.url}/links`, {
        headers: { "x-forwarded-proto": "https" },
      });
      expect(((await response.json()) as { item: string }).item).toMatch(/^http:\/\//);
    } finally {
      await server.close();
    }
  });
});

/** GET with a chosen Host header, over a real socket (fetch always sends the URL's own host) */
function getWithHost(url: string, path: string, host: string): Promise<[number, string]> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { headers: { host } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve([res.statusCode ?? 0, text]));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("ctx.urlFor with a Host header that is no host", () => {
  const forged = ["evil.example/phish?x=", "evil.example#", "user@evil.example", "a b", ""];

  it.each(forged)(
    "answers 400 rather than a URL pointing elsewhere (Host %j) [TestClient]",
    async (host) => {
      const response = await new TestClient(createLinkApp()).get("/links", { headers: { host } });
      expect([response.status, await response.json()]).toEqual([
        400,
        { detail: "Invalid host header" },
      ]);
    },
  );

  it("keeps IPv6 literals, ports, upper case and a trailing dot as sent [TestClient]", async () => {
    const client = new TestClient(createLinkApp());
    for (const host of ["[::1]:8000", "API.Example.com.", "127.0.0.1:9"]) {
      const response = await client.get("/links", { headers: { host } });
      expect(((await response.json()) as { path: string }).path).toBe(`http://${host}/proxy/links`);
    }
  });

  it("answers 400 over node:http too", async () => {
    const server = await serve(createLinkApp(), {
      port: 0,
      host: "127.0.0.1",
      keepAliveTimeout: 0.2,
    });
    try {
      expect(await getWithHost(server.url, "/links", "evil.example/phish?x=")).toEqual([
        400,
        '{"detail":"Invalid host header"}',
      ]);
      const [status] = await getWithHost(server.url, "/links", "[::1]:8000");
      expect(status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
