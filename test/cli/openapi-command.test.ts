import { execFile } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { app } from "../../examples/openapi/app.js";

const run = promisify(execFile);

function tailor(...args: string[]) {
  return run(process.execPath, ["bin/tailor.js", ...args]).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe("tailor openapi", () => {
  it("prints the app module's document as JSON indented by 2", async () => {
    const result = await tailor("openapi", "examples/openapi/app.ts");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(`${JSON.stringify(app.openapi(), null, 2)}\n`);
  }, 30_000);

  it("takes the export named after a colon", async () => {
    const result = await tailor("openapi", "examples/openapi/app.ts:app");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).info.title).toBe("Shop API");
  }, 30_000);

  it("writes the document to the file named by --out", async () => {
    mkdirSync("test-output/cli", { recursive: true });
    const out = "test-output/cli/shop-openapi.json";
    const result = await tailor("openapi", "examples/openapi/app.ts", "--out", out);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(`${JSON.stringify(app.openapi(), null, 2)}\n`);
  }, 30_000);

  it("exits with 2 and says why when the export is not an app", async () => {
    const result = await tailor("openapi", "examples/openapi/app.ts:Item");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('examples/openapi/app.ts has no App exported as "Item"');
  }, 30_000);

  it("exits with 2 and prints the usage for an unknown command or a missing module", async () => {
    const unknown = await tailor("serve-me");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "serve-me"');
    expect(unknown.stderr).toContain("Usage: tailor <command>");
    const missing = await tailor("openapi", "no/such/app.ts");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot find the app module no/such/app.ts");
  }, 30_000);
});
