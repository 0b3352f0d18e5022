import { TestClient } from "tailor";
import { createApp } from "../../examples/inference/app.js";
import { settingsFrom } from "../../examples/inference/core/config.js";
import { LocalEngine } from "../../examples/inference/services/local-engine.js";

export const KEY = { "x-api-key": "sk-dev-key-123" };
export const ADMIN = { "x-admin-key": "sk-admin-dev-456" };

/** an app on the default settings, a zero-latency engine, and the JSON log lines it wrote */
export function makeService(env: Record<string, string> = {}, engine?: LocalEngine) {
  const settings = settingsFrom({ LOCAL_TOKEN_LATENCY_MS: "0", DATABASE_PATH: ":memory:", ...env });
  const modelClient =
    engine ?? new LocalEngine({ modelPath: settings.model_path, tokenLatencyMs: 0 });
  const logs: Record<string, unknown>[] = [];
  const app = createApp(settings, {
    modelClient,
    writeLog: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { app, client: new TestClient(app), logs, engine: modelClient, settings };
}

/** `data:` payloads of an event stream, in order */
export function sseData(text: string): string[] {
  return text
    .split("\n\n")
    .filter((frame) => frame.startsWith("data: "))
    .map((frame) => frame.slice("data: ".length));
}

/** polls `check` every 10 ms until it holds; fails after `timeoutMs` */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 3000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for a condition");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** an app whose backend the settings select (no engine passed in), and its JSON log lines */
export function makeRemoteService(env: Record<string, string>) {
  const settings = settingsFrom({ DATABASE_PATH: ":memory:", ...env });
  const logs: Record<string, unknown>[] = [];
  const app = createApp(settings, {
    writeLog: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  const failures: string[] = [];
  app.logger.error = (message) => failures.push(message);
  return { app, client: new TestClient(app), logs, failures, settings };
}
