import { afterEach, describe, expect, it } from "vitest";
import { App, HTTPSRedirectMiddleware } from "../../src/index.js";
import { logger } from "../../src/logging/logger.js";
import { TrustedProxies } from "../../src/server/proxy-headers.js";
import { type RunningServer, type ServeOptions, serve } from "../../src/server/serve.js";
import { get } from "./helpers.js";

// slash redirects keep the absolute form for the hosts the app names
const app = new App({ trustedRedirectHosts: ["api.example.com"] });
app.get("/who", {}, (_args, ctx) => ({
  client: ctx.client?.host,
  scheme: ctx.scheme,
  url: ctx.url,
}));
app.get("/items/", {}, () => []);

const secured = new App();
secured.addMiddleware(new HTTPSRedirectMiddleware());
secured.get("/", {}, () => ({ secure: true }));

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: ServeOptions, served = app) {
  logger.configure({ level: "silent" });
  server = await serve(served, { port: 0, accessLog: false, gracefulTimeout: 1, ...options });
  return `http://127.0.0.1:${server.port}`;
}

const forwarded = {
  "x-forwarded-proto": "https",
  "x-forwarded-for": "203.0.113.7, 10.0.0.1",
};

describe("proxy headers on a real server", () => {
  it("are honoured from 127.0.0.1 by default: scheme from X-Forwarded-Proto, client the rightmost untrusted hop", async () => {
    const base = await start({});
    const who = JSON.parse((await get(`${base}/who`, forwarded)).body);
    expect(who).toEqual({
      client: "10.0.0.1",
      scheme: "https",
      url: `https://127.0.0.1:${server!.port}/who`,
    });
  });

  it("skip every trusted hop of X-Forwarded-For", async () => {
    const base = await start({ forwardedAllowIps: "127.0.0.1, 10.0.0.0/8" });
    expect(JSON.parse((await get(`${base}/who`, forwarded)).body).client).toBe("203.0.113.7");
  });

  it('take the leftmost address when "*" trusts every peer', async () => {
    const base = await start({ forwardedAllowIps: "*" });
    const chain = { "x-forwarded-for": "198.51.100.1, 203.0.113.7, 10.0.0.1" };
    expect(JSON.parse((await get(`${base}/who`, chain)).body).client).toBe("198.51.100.1");
  });

  it("are ignored from a peer that is not trusted", async () => {
    const base = await start({ forwardedAllowIps: "10.9.9.9" });
    const who = JSON.parse((await get(`${base}/who`, forwarded)).body);
    expect(who.client).toBe("127.0.0.1");
    expect(who.scheme).toBe("http");
  });

  it("are ignored with proxyHeaders: false", async () => {
    const base = await start({ proxyHeaders: false });
    const who = JSON.parse((await get(`${base}/who`, forwarded)).body);
    expect(who).toMatchObject({ client: "127.0.0.1", scheme: "http" });
  });

  it("ignore an X-Forwarded-Proto that is not one of http, https, ws, wss", async () => {
    const base = await start({});
    const who = JSON.parse((await get(`${base}/who`, { "x-forwarded-proto": "gopher" })).body);
    expect(who.scheme).toBe("http");
  });

  it("make a slash redirect say https:// behind a TLS proxy", async () => {
    const base = await start({});
    const response = await get(`${base}/items`, {
      "x-forwarded-proto": "https",
      host: "api.example.com",
    });
    expect(response.status).toBe(307);
    expect(response.headers.location).toBe("https://api.example.com/items/");
  });

  it("stop HTTPSRedirectMiddleware from looping behind a TLS proxy, and only from a trusted one", async () => {
    const trusted = await start({}, secured);
    expect((await get(`${trusted}/`, { "x-forwarded-proto": "https" })).status).toBe(200);
    expect((await get(`${trusted}/`)).status).toBe(307);
    await server!.close();
    const untrusted = await start({ forwardedAllowIps: "10.9.9.9" }, secured);
    expect((await get(`${untrusted}/`, { "x-forwarded-proto": "https" })).status).toBe(307);
  });
});

describe("TrustedProxies", () => {
  it("matches addresses, CIDR networks, IPv6 and IPv4-mapped peers", () => {
    const trusted = new TrustedProxies("127.0.0.1, 10.0.0.0/8, ::1, fd00::/8");
    expect(trusted.has("127.0.0.1")).toBe(true);
    expect(trusted.has("::ffff:127.0.0.1")).toBe(true);
    expect(trusted.has("10.200.3.4")).toBe(true);
    expect(trusted.has("11.0.0.1")).toBe(false);
    expect(trusted.has("::1")).toBe(true);
    expect(trusted.has("fd12::5")).toBe(true);
    expect(trusted.has("not an address")).toBe(false);
  });

  it("picks the rightmost untrusted hop, or the leftmost when all are trusted", () => {
    const trusted = new TrustedProxies(["127.0.0.1", "10.0.0.0/8"]);
    expect(trusted.clientOf("1.1.1.1, 2.2.2.2, 10.0.0.3")).toBe("2.2.2.2");
    expect(trusted.clientOf("10.0.0.1, 10.0.0.2")).toBe("10.0.0.1");
    expect(trusted.clientOf(" , ")).toBeUndefined();
  });

  it("refuses an entry that is not an address or a network", () => {
    expect(() => new TrustedProxies("127.0.0.1, proxy.internal")).toThrow(/proxy\.internal/);
  });
});
