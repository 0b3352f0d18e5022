import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { App, serve, TestClient } from "../../src/index.js";

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end();
  });
}

function waitFor(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
}

describe("background tasks on a real server", () => {
  it("run in order after the client already has the whole response", async () => {
    const trace: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = new App();
    app.post("/send", {}, (_args, ctx) => {
      ctx.background.add(async (to: string) => {
        trace.push(`task 1 start ${to}`);
        await held; // finishes only when the test says so
        trace.push("task 1 done");
      }, "alice@example.com");
      ctx.background.add((n: number) => trace.push(`task 2 (${n})`), 2);
      trace.push("handler");
      return { queued: true };
    });
    const server = await serve(app, { port: 0 });
    try {
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(`${server.url}/send`, { method: "POST" }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () => resolve(text));
        });
        req.on("error", reject);
        req.end();
      });
      expect(body).toBe('{"queued":true}');
      expect(trace).not.toContain("task 1 done");
      release();
      await waitFor(() => trace.length === 4);
      expect(trace).toEqual([
        "handler",
        "task 1 start alice@example.com",
        "task 1 done",
        "task 2 (2)",
      ]);
    } finally {
      await server.close();
    }
  });

  it("log a failing task through app.logger, skip the tasks after it, and keep serving", async () => {
    const logged: string[] = [];
    const trace: string[] = [];
    const app = new App({ logger: { error: (message) => logged.push(message) } });
    app.get("/fails", {}, (_args, ctx) => {
      ctx.background.add(() => trace.push("first"));
      ctx.background.add(() => {
        throw new Error("smtp down");
      });
      ctx.background.add(() => trace.push("never"));
      return { ok: true };
    });
    const server = await serve(app, { port: 0 });
    try {
      expect(await get(`${server.url}/fails`)).toBe('{"ok":true}');
      await waitFor(() => logged.length === 1);
      expect(logged).toEqual(["a background task of GET /fails failed"]);
      expect(trace).toEqual(["first"]);
      expect(await get(`${server.url}/fails`)).toBe('{"ok":true}');
    } finally {
      await server.close();
    }
  });
});

describe("background tasks with TestClient", () => {
  it("have run when the response resolves", async () => {
    const trace: string[] = [];
    const app = new App();
    app.get("/", {}, (_args, ctx) => {
      ctx.background.add(async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        trace.push("task");
      });
      return {};
    });
    await new TestClient(app).get("/");
    expect(trace).toEqual(["task"]);
  });

  it("do not run when the handler fails", async () => {
    const trace: string[] = [];
    const app = new App({ logger: { error: () => undefined } });
    app.get("/", {}, (_args, ctx) => {
      ctx.background.add(() => trace.push("task"));
      throw new Error("handler failed");
    });
    expect((await new TestClient(app, { raiseServerExceptions: false }).get("/")).status).toBe(500);
    expect(trace).toEqual([]);
  });
});
