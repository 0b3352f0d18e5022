import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App, Body, handleFetch, JSONResponse, StreamingResponse } from "../../src/index.js";

function appWithBodies(): App {
  const app = new App({ logger: { error: () => {} } });
  app.get("/fixed", {}, () => ({ ok: true }));
  app.get(
    "/streamed",
    {},
    () =>
      new StreamingResponse(
        (async function* () {
          yield "a";
        })(),
      ),
  );
  app.get(
    "/bad-header",
    {},
    () => new JSONResponse({ ok: true }, { headers: { "x-bad": "line\nbreak" } }),
  );
  app.get("/cookies", {}, (_args, ctx) => {
    ctx.response.setCookie("a", "1");
    ctx.response.setCookie("b", "2");
    return { ok: true };
  });
  return app;
}

describe("handleFetch", () => {
  it("calls onStream for a streamed body only (Bun lifts its idle timeout there)", async () => {
    const app = appWithBodies();
    const seen: string[] = [];
    const platform = { name: "server" };
    const options = {
      platform,
      onStream: (request: Request, given: unknown) => {
        seen.push(new URL(request.url).pathname);
        expect(given).toBe(platform);
      },
    };
    await (await handleFetch(app, new Request("http://x/fixed"), options)).text();
    expect(await (await handleFetch(app, new Request("http://x/streamed"), options)).text()).toBe(
      "a",
    );
    expect(seen).toEqual(["/streamed"]);
  });

  it("answers the plain 500 when a header value cannot be sent", async () => {
    const r = await handleFetch(appWithBodies(), new Request("http://x/bad-header"));
    expect(r.status).toBe(500);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(r.headers.get("content-length")).toBe("21");
    expect(await r.text()).toBe("Internal Server Error");
  });

  it("answers 413 when a hand-made Request's body outgrows the content-length it declares", async () => {
    const app = new App({ logger: { error: () => {} } });
    app.post("/echo", { params: { text: Body(z.string()) }, bodyLimit: 16 }, ({ text }) => ({
      text,
    }));
    const lying = new Request("http://x/echo", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "4" },
      body: JSON.stringify("x".repeat(40)),
    });
    const r = await handleFetch(app, lying);
    expect([r.status, r.headers.get("connection")]).toEqual([413, "close"]);
    const honest = await handleFetch(
      app,
      new Request("http://x/echo", {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": "4" },
        body: '"ab"',
      }),
    );
    expect(await honest.json()).toEqual({ text: "ab" });
  });

  it("sends each set-cookie value as its own header line", async () => {
    const r = await handleFetch(appWithBodies(), new Request("http://x/cookies"));
    expect(r.headers.getSetCookie()).toHaveLength(2);
    expect(r.headers.get("content-length")).toBe("11");
  });
});
