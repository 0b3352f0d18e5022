import { describe, expect, it } from "vitest";
import { LocalEngine } from "../../examples/inference/services/local-engine.js";
import { ADMIN, makeService } from "./helpers.js";

describe("health", () => {
  it("answers GET /health with status ok and no key", async () => {
    const { client } = makeService();
    const r = await client.get("/health");
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('{"status":"ok"}');
  });

  it("answers GET /ready once the lifespan loaded the model, 503 while it reloads", async () => {
    const engine = new LocalEngine({ modelPath: "m", tokenLatencyMs: 30 });
    const { client, logs } = makeService({}, engine);
    const ready = await client.get("/ready");
    expect(await ready.text()).toBe('{"status":"ready","backend":"local","running":0,"queued":0}');
    expect(logs[0]).toMatchObject({ event: "model_loaded", backend: "local" });
    const reloading = client.post("/admin/models/mistral-7b-instruct/reload", { headers: ADMIN });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const busy = await client.get("/ready");
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("1");
    expect(await busy.text()).toBe('{"detail":"Model not loaded"}');
    expect((await reloading).status).toBe(200);
    expect((await client.get("/ready")).status).toBe(200);
  });

  it("loads the model once for all requests and unloads it at shutdown", async () => {
    const { client, engine, logs } = makeService();
    await client.get("/ready");
    await client.get("/ready");
    expect(logs.filter((line) => line.event === "model_loaded")).toHaveLength(1);
    await client.close();
    expect(engine.ready).toBe(false);
    expect(logs.at(-1)).toMatchObject({ event: "shutdown" });
  });
});

describe("admin", () => {
  it("answers 401 without the admin key, and for an API key in its place", async () => {
    const { client } = makeService();
    expect((await client.get("/admin/models")).status).toBe(401);
    const wrong = await client.get("/admin/models", {
      headers: { "x-admin-key": "sk-dev-key-123" },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe('{"detail":"Invalid admin key"}');
  });

  it("lists the engine's models with the model path", async () => {
    const { client } = makeService({ MODEL_PATH: "/srv/models/mistral" });
    const r = await client.get("/admin/models", { headers: ADMIN });
    expect(await r.json()).toEqual({
      model_path: "/srv/models/mistral",
      models: [
        { name: "mistral-7b-instruct", backend: "local", loaded: true },
        { name: "llama-3-8b-instruct", backend: "local", loaded: true },
        { name: "nomic-embed-text", backend: "local", loaded: true },
      ],
    });
  });

  it("reloads a model and logs it after the response", async () => {
    const { client, engine, logs } = makeService();
    const r = await client.post("/admin/models/llama-3-8b-instruct/reload", { headers: ADMIN });
    expect(await r.json()).toEqual({ name: "llama-3-8b-instruct", backend: "local", loaded: true });
    expect(engine.reloads).toBe(1);
    expect(logs.at(-1)).toMatchObject({ event: "model_reloaded", model: "llama-3-8b-instruct" });
  });

  it("answers 404 for a model the engine does not have", async () => {
    const { client } = makeService();
    const r = await client.post("/admin/models/gpt-17/reload", { headers: ADMIN });
    expect(r.status).toBe(404);
    expect(await r.text()).toBe(`{"detail":"Model 'gpt-17' not found"}`);
  });
});
