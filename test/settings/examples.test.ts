import { describe, expect, it } from "vitest";
import { events, app as lifespanApp } from "../../examples/settings/lifespan.js";
import { createApp, settings } from "../../examples/settings/settings.js";
import { TestClient } from "../../src/index.js";

describe("settings example", () => {
  it("builds the app from APP_ variables", async () => {
    process.env.APP_MODEL_NAME = "tiny-llm";
    process.env.APP_MAX_TOKENS = "512";
    try {
      settings.reload();
      const r = await new TestClient(createApp()).get("/info");
      expect(await r.json()).toEqual({ model: "tiny-llm", max_tokens: 512 });
    } finally {
      delete process.env.APP_MODEL_NAME;
      delete process.env.APP_MAX_TOKENS;
    }
  });

  it("refuses to start without the model name", () => {
    expect(() => settings.reload()).toThrow(
      "[E_SETTINGS] settings: 1 environment variable is missing or invalid:\n  APP_MODEL_NAME: Field required",
    );
  });
});

describe("lifespan example", () => {
  it("loads the model, then runs the onEvent hooks; at shutdown the hooks, then unloads it", async () => {
    const client = new TestClient(lifespanApp);
    const r = await client.post("/predict", { json: { text: "abc" } });
    expect(await r.json()).toEqual({ prediction: "cba" });
    const started = ["loaded reverse-1", "cache primed", "metrics registered"];
    expect(events).toEqual(started);
    await client.close();
    expect(events).toEqual([...started, "cache flushed", "unloaded reverse-1"]);
  });
});
