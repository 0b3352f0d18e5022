import { describe, expect, it } from "vitest";
import {
  App,
  type CallNext,
  type MiddlewareObject,
  PlainTextResponse,
  type RequestContext,
} from "../../src/index.js";
import { callRaw } from "./raw.js";

class Tag implements MiddlewareObject {
  constructor(
    readonly name: string,
    readonly trace: string[],
  ) {}

  async dispatch(_ctx: RequestContext, callNext: CallNext) {
    this.trace.push(`${this.name}: before`);
    const response = await callNext();
    this.trace.push(`${this.name}: after`);
    response.headers[`x-${this.name}`] = "1";
    return response;
  }
}

describe("addMiddleware", () => {
  it("shares middleware()'s chain: the last added runs first", async () => {
    const trace: string[] = [];
    const app = new App();
    app.get("/mw-order", {}, () => {
      trace.push("endpoint");
      return { ok: true };
    });
    app.addMiddleware(new Tag("first", trace));
    app.middleware(async (_ctx, callNext) => {
      trace.push("second: before");
      const response = await callNext();
      trace.push("second: after");
      return response;
    });
    app.addMiddleware(new Tag("third", trace));
    const r = await callRaw(app, "GET", "/mw-order");
    expect(trace).toEqual([
      "third: before",
      "second: before",
      "first: before",
      "endpoint",
      "first: after",
      "second: after",
      "third: after",
    ]);
    expect(r.headers["x-first"]).toBe("1");
    expect(r.headers["x-third"]).toBe("1");
  });

  it("turns a middleware object's error into a 500", async () => {
    const app = new App({ logger: { error: () => undefined } });
    app.get("/", {}, () => ({}));
    app.addMiddleware({
      dispatch: () => {
        throw new Error("boom");
      },
    });
    const r = await callRaw(app, "GET", "/");
    expect(r.status).toBe(500);
    expect(r.body).toBe("Internal Server Error");
  });

  it("calls dispatch with the instance as this", async () => {
    const app = new App();
    app.get("/", {}, () => ({}));
    const trace: string[] = [];
    app.addMiddleware(new Tag("bound", trace));
    await callRaw(app, "GET", "/");
    expect(trace).toEqual(["bound: before", "bound: after"]);
  });
});

describe("an app without middleware", () => {
  it("hands back the very response object the route returned: nothing wraps or copies it", async () => {
    const app = new App();
    const made: PlainTextResponse[] = [];
    app.get("/plain", {}, () => {
      const response = new PlainTextResponse("hi");
      made.push(response);
      return response;
    });
    const r = await callRaw(app, "GET", "/plain");
    expect(r).toBe(made[0]);
    expect(Object.keys(r.headers)).toEqual(["content-type"]);
  });
});
