import { describe, expect, it } from "vitest";
import { App } from "../../src/index.js";

describe("app.fetch", () => {
  it("runs the lifespan's startup once, on the first request, before answering", async () => {
    let startups = 0;
    const app = new App({
      lifespan: async function* () {
        startups++;
        yield { model: "loaded" };
      },
    });
    app.get("/model", {}, (_args, ctx) => ({ model: ctx.state.model }));
    const [a, b] = await Promise.all([
      app.fetch(new Request("http://x/model")),
      app.fetch(new Request("http://x/model")),
    ]);
    expect(await a.json()).toEqual({ model: "loaded" });
    expect(await b.json()).toEqual({ model: "loaded" });
    expect((await (await app.fetch(new Request("http://x/model"))).json()).model).toBe("loaded");
    expect(startups).toBe(1);
  });

  it("reads ctx.client from Bun's server (requestIP) or Deno's info (remoteAddr)", async () => {
    const app = new App();
    app.get("/peer", {}, (_args, ctx) => ({ client: ctx.client }));
    const bunServer = { requestIP: () => ({ address: "10.0.0.1", port: 4000, family: "IPv4" }) };
    const denoInfo = { remoteAddr: { transport: "tcp", hostname: "10.0.0.2", port: 5000 } };
    const viaBun = await app.fetch(new Request("http://x/peer"), bunServer);
    expect(await viaBun.json()).toEqual({ client: { host: "10.0.0.1", port: 4000 } });
    const viaDeno = await app.fetch(new Request("http://x/peer"), denoInfo);
    expect(await viaDeno.json()).toEqual({ client: { host: "10.0.0.2", port: 5000 } });
    const bare = await app.fetch(new Request("http://x/peer"), { env: {} });
    expect(await bare.json()).toEqual({ client: null });
  });

  it("leaves a whole body's content-length to the server that passes its platform", async () => {
    const app = new App();
    app.get("/hello", {}, () => ({ message: "hello" }));
    app.head("/hello", {}, () => ({ message: "hello" }));
    const called = await app.fetch(new Request("http://x/hello"));
    expect(called.headers.get("content-length")).toBe("19");
    const served = await app.fetch(new Request("http://x/hello"), { requestIP: () => null });
    expect(served.headers.has("content-length")).toBe(false);
    expect(await served.text()).toBe('{"message":"hello"}');
    // no body to derive it from: a HEAD keeps the length its GET would have
    const head = await app.fetch(new Request("http://x/hello", { method: "HEAD" }), {});
    expect(head.headers.get("content-length")).toBe("19");
  });

  it("takes scheme, host and target from the Request's absolute URL", async () => {
    const app = new App();
    app.get("/where", {}, (_args, ctx) => ({ url: ctx.url, path: ctx.path, query: ctx.rawQuery }));
    const r = await app.fetch(new Request("https://api.example.com:8443/where?a=1&b=%20"));
    expect(await r.json()).toEqual({
      url: "https://api.example.com:8443/where?a=1&b=%20",
      path: "/where",
      query: "a=1&b=%20",
    });
  });
});
