import { expect, it } from "vitest";
import { z } from "zod";
import {
  App,
  HTTPException,
  httpExceptionHandler,
  JSONResponse,
  RequestValidationError,
  requestValidationExceptionHandler,
} from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

const seen: string[] = [];

function delegatingApp(): App {
  const app = new App({ validationErrors: { maxErrors: 1 } });
  app.exceptionHandler(HTTPException, (ctx, error: HTTPException) => {
    seen.push(`http ${error.status}`);
    return httpExceptionHandler(ctx, error);
  });
  app.exceptionHandler(RequestValidationError, (ctx, error: RequestValidationError) => {
    seen.push(`validation ${error.errors.length}`);
    return requestValidationExceptionHandler(ctx, error);
  });
  app.get("/teapot", {}, () => {
    throw new HTTPException(418, "short and stout", { "x-kind": "teapot" });
  });
  app.get("/n", { params: { a: z.number(), b: z.number() } }, ({ a, b }) => ({ a, b }));
  return app;
}

describeTransports("custom handlers delegating to the defaults", delegatingApp, (client) => {
  it("httpExceptionHandler answers as the default: status, detail, headers", async () => {
    seen.length = 0;
    const r = await client().request("GET", "/teapot");
    expect({ status: r.status, body: await r.text(), kind: r.headers.get("x-kind") }).toEqual({
      status: 418,
      body: '{"detail":"short and stout"}',
      kind: "teapot",
    });
    expect(seen).toEqual(["http 418"]);
  });

  it("requestValidationExceptionHandler answers the default 422 within the app's limits", async () => {
    seen.length = 0;
    const r = await client().request("GET", "/n?a=x&b=y");
    expect(r.status).toBe(422);
    expect((await r.json()).detail).toHaveLength(1);
    expect(seen).toEqual(["validation 2"]);
  });
});

class QuotaError extends Error {}

function constructorHandlersApp(): App {
  const app = new App({
    exceptionHandlers: new Map<number | typeof QuotaError, (ctx: any, error: any) => any>([
      [404, () => new JSONResponse({ missing: true }, { status: 404 })],
      [QuotaError, () => new JSONResponse({ error: "quota" }, { status: 429 })],
    ]),
  });
  app.get("/quota", {}, () => {
    throw new QuotaError();
  });
  return app;
}

describeTransports(
  "exception handlers given to the App constructor",
  constructorHandlersApp,
  (client) => {
    it("answer errors of their class and statuses like app.exceptionHandler()", async () => {
      const quota = await client().request("GET", "/quota");
      expect(quota.status).toBe(429);
      expect(await quota.json()).toEqual({ error: "quota" });
      const missing = await client().request("GET", "/nowhere");
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ missing: true });
    });
  },
);
