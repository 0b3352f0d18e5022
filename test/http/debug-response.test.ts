import { describe, expect, it } from "vitest";
import { formatTraceback } from "../../src/http/debug-response.js";
import { App, JSONResponse, TestClient } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

class QuotaError extends Error {}

function createDebugApp(options: { debug?: boolean } = { debug: true }): App {
  const app = new App(options);
  app.get("/boom", {}, function explode() {
    throw new Error("outer <failure>", { cause: new TypeError("inner cause") });
  });
  app.get("/quota", {}, () => {
    throw new QuotaError("over quota");
  });
  app.get("/thrown-string", {}, () => {
    throw "just a string";
  });
  app.get("/thrown-cycle", {}, () => {
    const cycle: Record<string, unknown> = { code: 7 };
    cycle.self = cycle;
    throw cycle;
  });
  app.get("/thrown-bigint", {}, () => {
    throw 10n;
  });
  app.exceptionHandler(QuotaError, () => new JSONResponse({ quota: true }, { status: 429 }));
  app.middleware(async (ctx, callNext) => {
    if (ctx.path === "/middleware") throw new RangeError("middleware broke");
    return callNext();
  });
  return app;
}

describeTransports("debug: true", createDebugApp, (client) => {
  it("answers an unhandled error with its plain-text traceback, causes first", async () => {
    const response = await client().request("GET", "/boom");
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await response.text();
    expect(text).toMatch(
      /^TypeError: inner cause\n {4}at [\s\S]*\n\nThe above error was the cause of the following error:\n\nError: outer <failure>\n {4}at explode /,
    );
    expect(text).toContain("debug-response.test.ts");
  });

  it("answers with an HTML page, escaped, when the client accepts HTML", async () => {
    const response = await client().request("GET", "/boom", {
      headers: { accept: "text/html,application/xhtml+xml" },
    });
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("<h2>Error: outer &lt;failure&gt;</h2>");
    expect(html).not.toContain("<failure>");
  });

  it("shows the traceback of a failing middleware and of a thrown non-Error", async () => {
    const middleware = await client().request("GET", "/middleware");
    expect(middleware.status).toBe(500);
    expect(await middleware.text()).toMatch(/^RangeError: middleware broke\n/);
    const thrown = await client().request("GET", "/thrown-string");
    expect(await thrown.text()).toBe("Uncaught value: just a string\n");
  });

  it("shows a thrown value JSON cannot write (a cycle, a BigInt) instead of failing the 500", async () => {
    const cycle = await client().request("GET", "/thrown-cycle");
    expect([cycle.status, await cycle.text()]).toEqual([
      500,
      "Uncaught value: <ref *1> { code: 7, self: [Circular *1] }\n",
    ]);
    const bigint = await client().request("GET", "/thrown-bigint");
    expect([bigint.status, await bigint.text()]).toEqual([500, "Uncaught value: 10n\n"]);
  });

  it("leaves errors a specific handler answers to that handler", async () => {
    const response = await client().request("GET", "/quota");
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ quota: true });
  });
});

describeTransports(
  "debug off (the default)",
  () => createDebugApp({}),
  (client) => {
    it("answers an unhandled error with a bare 500, no traceback", async () => {
      const response = await client().request("GET", "/boom", { headers: { accept: "text/html" } });
      expect(response.status).toBe(500);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toBe("Internal Server Error");
    });
  },
);

describe("debug with catch-all handlers", () => {
  it("shows the traceback instead of a handler for 500 or for every Error, as Starlette does", async () => {
    for (const key of [500, Error] as const) {
      const app = createDebugApp();
      app.exceptionHandler(key, () => new JSONResponse({ handled: true }, { status: 500 }));
      const response = await new TestClient(app, { raiseServerExceptions: false }).get("/boom");
      expect(await response.text()).toMatch(/^TypeError: inner cause/);
    }
  });

  it("still raises the error into the test with raiseServerExceptions", async () => {
    await expect(new TestClient(createDebugApp()).get("/boom")).rejects.toThrow("outer <failure>");
  });
});

describe("formatTraceback", () => {
  it("stops at ten causes when causes form a cycle", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    a.cause = b;
    const text = formatTraceback(a);
    expect(text.split("The above error was the cause").length).toBe(11);
  });
});
