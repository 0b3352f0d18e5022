import { describe, expect, it } from "vitest";
import { startChildApp } from "./child-app.js";

describe("serve({ handleSignals: true }) with a failing shutdown", () => {
  it("logs the failure through app.logger and exits 1 instead of an unhandled rejection", async () => {
    const child = await startChildApp("failing-shutdown-app.ts");
    child.kill("SIGTERM");
    expect(await child.exited).toBe(1);
    // the framework's own JSON lines (shutdown progress) are left out
    const lines = child
      .stdout()
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("{"));
    expect(lines.slice(1)).toEqual([
      "logged: shutdown failed: Error: the model cache could not be flushed",
    ]);
    expect(child.stderr()).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
  }, 20_000);
});
