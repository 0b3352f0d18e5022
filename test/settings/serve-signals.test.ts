import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("serve({ handleSignals: true }) with a failing shutdown", () => {
  it("logs the failure through app.logger and exits 1 instead of an unhandled rejection", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(import.meta.dirname, "fixtures", "failing-shutdown-app.ts")],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("listening")) resolve();
      });
      child.on("exit", () => reject(new Error(`child exited early: ${errors}`)));
    });
    child.kill("SIGTERM");
    expect(await exited).toBe(1);
    expect(output.split("\n").filter(Boolean).slice(1)).toEqual([
      "logged: shutdown failed: Error: the model cache could not be flushed",
    ]);
    expect(errors).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
  }, 20_000);
});
