import { App, Depends, dependency, TestClient } from "tailor";
import { describe, expect, it } from "vitest";
import { deferred, recordingLogger } from "./helpers.js";

describe("app-scoped dependencies", () => {
  it("creates the value once at startup, inside the lifespan, and shares it with every request", async () => {
    const trace: string[] = [];
    let loads = 0;
    const model = dependency(
      {},
      async function* loadModel() {
        loads += 1;
        trace.push("model loaded");
        yield { id: loads, predict: (text: string) => text.length };
        trace.push("model unloaded");
      },
      { scope: "app" },
    );
    const app = new App({
      lifespan: async function* () {
        trace.push("lifespan startup");
        yield {};
        trace.push("lifespan shutdown");
      },
    });
    app.post("/predict", { params: { model: Depends(model) } }, ({ model }) => ({
      id: model.id,
      n: model.predict("hello"),
    }));
    const client = new TestClient(app);
    await client.start();
    expect(trace).toEqual(["lifespan startup", "model loaded"]);
    const first = await (await client.post("/predict")).json();
    const second = await (await client.post("/predict")).json();
    expect([first, second]).toEqual([
      { id: 1, n: 5 },
      { id: 1, n: 5 },
    ]);
    expect(loads).toBe(1);
    await client.close();
    expect(trace).toEqual([
      "lifespan startup",
      "model loaded",
      "model unloaded",
      "lifespan shutdown",
    ]);
  });

  it("creates a value on first use when no route named it at startup, once for concurrent requests", async () => {
    let loads = 0;
    const gate = deferred();
    const tokenizer = dependency(
      {},
      async () => {
        loads += 1;
        await gate.promise;
        return { vocab: 3 };
      },
      { scope: "app" },
    );
    const app = new App();
    const client = new TestClient(app);
    await client.start();
    app.get("/vocab", { params: { t: Depends(tokenizer) } }, ({ t }) => t);
    const pending = [client.get("/vocab"), client.get("/vocab")];
    await new Promise((resolve) => setImmediate(resolve));
    gate.resolve();
    const bodies = await Promise.all(pending.map(async (r) => (await r).json()));
    expect(bodies).toEqual([{ vocab: 3 }, { vocab: 3 }]);
    expect(loads).toBe(1);
  });

  it("builds an app-scoped dependency from other app-scoped dependencies, closing them newest first", async () => {
    const trace: string[] = [];
    const weights = dependency(
      {},
      function* () {
        trace.push("weights open");
        yield "w";
        trace.push("weights close");
      },
      { scope: "app" },
    );
    const model = dependency(
      { weights: Depends(weights) },
      function* ({ weights }) {
        trace.push(`model open on ${weights}`);
        yield `model(${weights})`;
        trace.push("model close");
      },
      { scope: "app" },
    );
    const perRequest = dependency(
      { model: Depends(model) },
      ({ model }) => `${model} for a request`,
    );
    const app = new App();
    app.get("/m", { params: { m: Depends(perRequest) } }, ({ m }) => ({ m }));
    const client = new TestClient(app);
    expect(await (await client.get("/m")).json()).toEqual({ m: "model(w) for a request" });
    await client.close();
    expect(trace).toEqual(["weights open", "model open on w", "model close", "weights close"]);
  });

  it("logs an app-scoped teardown error at shutdown and still runs the lifespan's shutdown", async () => {
    const logger = recordingLogger();
    let lifespanClosed = false;
    const broken = dependency(
      {},
      async function* () {
        yield 1;
        throw new Error("unload failed");
      },
      { scope: "app" },
    );
    const app = new App({
      logger,
      lifespan: async function* () {
        yield {};
        lifespanClosed = true;
      },
    });
    app.get("/b", { params: { b: Depends(broken) } }, ({ b }) => ({ b }));
    const client = new TestClient(app);
    await client.get("/b");
    await client.close();
    expect(logger.entries.map((entry) => (entry.error as Error).message)).toEqual([
      "unload failed",
    ]);
    expect(lifespanClosed).toBe(true);
  });

  it("creates a fresh value after a shutdown and a new startup", async () => {
    let loads = 0;
    const model = dependency({}, () => ({ generation: ++loads }), { scope: "app" });
    const app = new App();
    app.get("/g", { params: { m: Depends(model) } }, ({ m }) => m);
    const client = new TestClient(app);
    expect(await (await client.get("/g")).json()).toEqual({ generation: 1 });
    await client.close();
    expect(await (await client.get("/g")).json()).toEqual({ generation: 2 });
  });
});
