import { describe, expect, it } from "vitest";
import { LocalEngine } from "../../examples/inference/services/local-engine.js";
import type {
  GenerateOptions,
  ModelInput,
} from "../../examples/inference/services/model-client.js";
import { KEY, makeService, sseData, waitFor } from "./helpers.js";

/** an engine whose completions wait until the test opens the gate */
class GatedEngine extends LocalEngine {
  started: string[] = [];
  #open: () => void = () => {};
  #gate = new Promise<void>((resolve) => {
    this.#open = resolve;
  });
  open(): void {
    this.#open();
  }
  override async generate(input: ModelInput, options: GenerateOptions) {
    this.started.push(String(input));
    await this.#gate;
    return super.generate(input, options);
  }
}

describe("serving controls on /v1", () => {
  it("queues beyond the limit, answers 503 beyond the queue, and /ready reports saturation", async () => {
    const engine = new GatedEngine({ modelPath: "m", tokenLatencyMs: 0 });
    const { client } = makeService(
      { MAX_CONCURRENT_REQUESTS: "1", MAX_QUEUED_REQUESTS: "1" },
      engine,
    );
    const ask = (prompt: string) =>
      client.post("/v1/completions", { json: { prompt, max_tokens: 2 }, headers: KEY });
    const first = ask("first");
    await waitFor(() => engine.started.length === 1);
    const second = ask("second");
    await waitFor(async () => (await client.get("/ready")).status === 503);
    const ready = await client.get("/ready");
    expect((await ready.json()).detail).toBe("Saturated");

    const refused = await ask("third");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect((await refused.json()).error).toMatchObject({
      type: "server_error",
      code: "service_unavailable",
    });
    expect((await client.get("/health")).status).toBe(200); // probes are not queued

    engine.open();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(engine.started).toEqual(["first", "second"]);
    expect(await (await client.get("/ready")).json()).toMatchObject({ running: 0, queued: 0 });
  });

  it("answers 504 at the deadline and stops the generation", async () => {
    const engine = new LocalEngine({ modelPath: "m", tokenLatencyMs: 10 });
    const { client, logs } = makeService({ REQUEST_TIMEOUT_MS: "80" }, engine);
    const started = performance.now();
    const r = await client.post("/v1/completions", {
      json: { prompt: "a very long answer", max_tokens: 4096 },
      headers: KEY,
    });
    expect(r.status).toBe(504);
    expect(performance.now() - started).toBeLessThan(1000);
    expect((await r.json()).error).toMatchObject({ code: "timeout", type: "server_error" });
    await waitFor(() => logs.some((line) => line.event === "inference"));
    expect(logs.find((line) => line.event === "inference")).toMatchObject({
      route: "/v1/completions",
      error: "DeadlineExceeded",
    });
    const produced = engine.tokensGenerated;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(engine.tokensGenerated).toBe(produced);
  });

  it("ends a stream that outlives the deadline without [DONE], and logs why", async () => {
    const engine = new LocalEngine({ modelPath: "m", tokenLatencyMs: 10 });
    const { client, logs } = makeService({ REQUEST_TIMEOUT_MS: "80" }, engine);
    const r = await client.post("/v1/chat/completions", {
      json: {
        model: "mistral-7b-instruct",
        messages: [{ role: "user", content: "a very long answer" }],
        max_tokens: 4096,
        stream: true,
      },
      headers: KEY,
    });
    expect(r.status).toBe(200); // the headers left before the deadline
    const frames = sseData(await r.text());
    expect(frames.length).toBeGreaterThan(1);
    expect(frames).not.toContain("[DONE]");
    await waitFor(() => logs.some((line) => line.event === "inference"));
    const record = logs.find((line) => line.event === "inference");
    expect(record).toMatchObject({ error: "DeadlineExceeded", cancelled: false });
    const produced = engine.tokensGenerated;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(engine.tokensGenerated).toBe(produced); // the engine stopped with the stream
  });
});
