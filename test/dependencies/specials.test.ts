import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  App,
  BackgroundTasks,
  BackgroundTasksParam,
  ConfigError,
  Depends,
  dependency,
  RequestContext,
  RequestParam,
  serve,
  TestClient,
} from "../../src/index.js";
import { deferred, within } from "./helpers.js";

describe("BackgroundTasksParam()", () => {
  it("injects the request's ctx.background, so handler and dependency queue into one list", async () => {
    const trace: string[] = [];
    const seen: unknown[] = [];
    const audit = dependency({ tasks: BackgroundTasksParam() }, ({ tasks }) => {
      seen.push(tasks);
      tasks.add((what: string) => trace.push(`task ${what}`), "from the dependency");
    });
    const app = new App();
    app.get(
      "/items",
      { params: { tasks: BackgroundTasksParam(), _audit: Depends(audit) } },
      ({ tasks }, ctx) => {
        seen.push(tasks, ctx.background);
        tasks.add(() => trace.push("task from the handler"));
        ctx.background.add(() => trace.push("task from ctx.background"));
        trace.push("handler");
        return { ok: true };
      },
    );
    const response = await new TestClient(app).get("/items");
    expect(response.status).toBe(200);
    expect(seen[0]).toBeInstanceOf(BackgroundTasks);
    expect(new Set(seen).size).toBe(1);
    expect(trace).toEqual([
      "handler",
      "task from the dependency",
      "task from the handler",
      "task from ctx.background",
    ]);
  });

  it("gives each request its own tasks", async () => {
    const seen: BackgroundTasks[] = [];
    const app = new App();
    app.get("/", { params: { tasks: BackgroundTasksParam() } }, ({ tasks }) => {
      seen.push(tasks);
      return null;
    });
    const client = new TestClient(app);
    await client.get("/");
    await client.get("/");
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
  });

  it("runs the queued tasks only after the client has the whole response", async () => {
    const release = deferred();
    const done = deferred();
    const trace: string[] = [];
    const app = new App();
    app.post("/send", { params: { tasks: BackgroundTasksParam() } }, ({ tasks }) => {
      tasks.add(async () => {
        trace.push("task start");
        await release.promise;
        trace.push("task done");
        done.resolve();
      });
      return { queued: true };
    });
    const server = await serve(app, { port: 0 });
    try {
      const response = await fetch(`${server.url}/send`, { method: "POST" });
      expect(await response.text()).toBe('{"queued":true}');
      expect(trace).not.toContain("task done");
      release.resolve();
      await within(done.promise, "the background task");
      expect(trace).toEqual(["task start", "task done"]);
    } finally {
      await server.close();
    }
  });

  it("is refused in an app-scoped dependency, which outlives every request", () => {
    const shared = dependency({ tasks: BackgroundTasksParam() }, () => 1, { scope: "app" });
    const app = new App();
    expect(() => app.get("/", { params: { value: Depends(shared) } }, () => null)).toThrow(
      ConfigError,
    );
  });
});

describe("RequestParam()", () => {
  it("injects the request context a handler gets as its second argument", async () => {
    const clientInfo = dependency(
      { request: RequestParam(), q: z.string() },
      ({ request, q }) => `${request.method} ${request.path} ${q} ${request.header("x-trace")}`,
    );
    let same = false;
    const app = new App();
    app.get(
      "/who",
      { params: { info: Depends(clientInfo), request: RequestParam() } },
      ({ info, request }, ctx) => {
        same = request === ctx && request instanceof RequestContext;
        return { info };
      },
    );
    const response = await new TestClient(app).get("/who?q=x", { headers: { "x-trace": "t1" } });
    expect(await response.json()).toEqual({ info: "GET /who x t1" });
    expect(same).toBe(true);
  });

  it("adds nothing to the OpenAPI document's parameters", () => {
    const app = new App();
    app.get(
      "/plain",
      { params: { request: RequestParam(), tasks: BackgroundTasksParam() } },
      () => null,
    );
    const operation = (app.openapi().paths as Record<string, any>)["/plain"].get;
    expect(operation.parameters).toBeUndefined();
    expect(operation.requestBody).toBeUndefined();
  });
});
